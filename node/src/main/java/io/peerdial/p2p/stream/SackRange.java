package io.peerdial.p2p.stream;

/** Bytes {@code [start, end)} received above a hole (RFC 2018 §3: a SACK block). */
public record SackRange(long start, long end) {
    public SackRange {
        if (start < 0 || end > SegmentCodec.MAX_OFFSET || start >= end) {
            throw new IllegalArgumentException("bad SACK range [" + start + ", " + end + ")");
        }
    }
}
