package io.peerdial.p2p.stream;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A ring holding received stream bytes from the application's read point up to {@link #limit()}: the
 * contiguous part {@code [readOffset, contiguousEnd)} and out-of-order ranges above it.
 */
final class ReceiveBuffer {

    private final byte[] ring;
    private long readOffset;
    private long contiguousEnd;
    /** Out-of-order ranges above {@link #contiguousEnd}: start -> end, disjoint, not touching. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    ReceiveBuffer(int capacity) {
        ring = new byte[capacity];
    }

    /** Offsets below this one may be received: the flow-control limit. */
    long limit() {
        return readOffset + ring.length;
    }

    long contiguousEnd() {
        return contiguousEnd;
    }

    long readOffset() {
        return readOffset;
    }

    int available() {
        return (int) (contiguousEnd - readOffset);
    }

    boolean hasGaps() {
        return !ranges.isEmpty();
    }

    /** The highest offset received so far plus one. */
    long highestReceived() {
        return ranges.isEmpty() ? contiguousEnd : ranges.lastEntry().getValue();
    }

    /**
     * Stores {@code data} at {@code offset}; the caller checked {@code offset + length <= limit()}. Returns
     * true when some of it was new.
     */
    boolean accept(long offset, ByteBuffer data) {
        long end = offset + data.remaining();
        long from = Math.max(offset, contiguousEnd);
        if (from >= end || covered(from, end)) {
            return false;
        }
        ByteBuffer src = data.duplicate();
        src.position(src.position() + (int) (from - offset));
        for (long at = from; at < end; ) {
            int index = (int) (at % ring.length);
            int chunk = (int) Math.min(end - at, ring.length - index);
            src.get(ring, index, chunk);
            at += chunk;
        }
        addRange(from, end);
        return true;
    }

    private boolean covered(long from, long end) {
        Map.Entry<Long, Long> e = ranges.floorEntry(from);
        return e != null && e.getValue() >= end;
    }

    private void addRange(long start, long end) {
        Map.Entry<Long, Long> before = ranges.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
        }
        for (Map.Entry<Long, Long> e; (e = ranges.ceilingEntry(start)) != null && e.getKey() <= end; ) {
            end = Math.max(end, e.getValue());
            ranges.remove(e.getKey());
        }
        if (start <= contiguousEnd) {
            contiguousEnd = Math.max(contiguousEnd, end);
            ranges.remove(start);
        } else {
            ranges.put(start, end);
        }
    }

    /** Copies contiguous bytes into {@code dst}; returns the count. */
    int read(ByteBuffer dst) {
        int n = (int) Math.min(dst.remaining(), contiguousEnd - readOffset);
        for (int left = n; left > 0; ) {
            int index = (int) (readOffset % ring.length);
            int chunk = Math.min(left, ring.length - index);
            dst.put(ring, index, chunk);
            readOffset += chunk;
            left -= chunk;
        }
        return n;
    }

    /**
     * SACK ranges for an acknowledgement: the highest range first in priority (so the sender always learns how
     * far data got, which drives its loss detection), then the lowest ones; returned ascending.
     */
    List<SackRange> sackRanges(int max) {
        if (ranges.isEmpty()) {
            return List.of();
        }
        List<SackRange> out = new ArrayList<>(max);
        for (Map.Entry<Long, Long> e : ranges.entrySet()) {
            if (out.size() == max - 1 && ranges.size() > max) {
                break;
            }
            out.add(new SackRange(e.getKey(), e.getValue()));
        }
        if (out.size() < Math.min(max, ranges.size())) {
            Map.Entry<Long, Long> last = ranges.lastEntry();
            out.add(new SackRange(last.getKey(), last.getValue()));
        }
        return out;
    }
}
