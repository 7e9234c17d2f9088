package io.peerdial.p2p.stream;

import java.nio.ByteBuffer;

/** A ring holding stream bytes {@code [start, end)}: written by the application, not yet acknowledged. */
final class SendBuffer {

    private final byte[] ring;
    private long start;
    private long end;

    SendBuffer(int capacity) {
        ring = new byte[capacity];
    }

    long start() {
        return start;
    }

    long end() {
        return end;
    }

    int free() {
        return ring.length - (int) (end - start);
    }

    /** Copies as much of {@code src} as fits; returns the count. */
    int write(ByteBuffer src) {
        int n = Math.min(src.remaining(), free());
        for (int left = n; left > 0; ) {
            int at = index(end);
            int chunk = Math.min(left, ring.length - at);
            src.get(ring, at, chunk);
            end += chunk;
            left -= chunk;
        }
        return n;
    }

    /** Copies bytes {@code [offset, offset + length)}, which must lie within {@code [start, end)}. */
    void copy(long offset, byte[] dst, int dstOffset, int length) {
        if (offset < start || offset + length > end) {
            throw new IllegalStateException("[" + offset + ", +" + length + ") outside [" + start + ", " + end + ")");
        }
        for (int done = 0; done < length; ) {
            int at = index(offset + done);
            int chunk = Math.min(length - done, ring.length - at);
            System.arraycopy(ring, at, dst, dstOffset + done, chunk);
            done += chunk;
        }
    }

    /** Forgets bytes below {@code offset} (acknowledged). */
    void release(long offset) {
        start = Math.max(start, Math.min(offset, end));
    }

    private int index(long offset) {
        return (int) (offset % ring.length);
    }
}
