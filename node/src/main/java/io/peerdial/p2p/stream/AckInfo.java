package io.peerdial.p2p.stream;

import java.util.List;

/**
 * The acknowledgement and window state every segment but RST carries.
 *
 * @param cumulative every offset below this one was received (RFC 9293 §3.4 RCV.NXT; a received FIN counts
 *                   as one offset)
 * @param limit      the sender may send offsets below this one (the receive window as an absolute limit, like
 *                   QUIC's MAX_STREAM_DATA: immune to the ambiguity of a relative window)
 * @param sacks      up to {@link #MAX_SACK_RANGES} ranges received above {@code cumulative}, ascending and
 *                   separated by holes (RFC 2018)
 */
public record AckInfo(long cumulative, long limit, List<SackRange> sacks) {

    public static final int MAX_SACK_RANGES = 4;

    public AckInfo {
        sacks = List.copyOf(sacks);
        if (cumulative < 0 || cumulative > SegmentCodec.MAX_OFFSET) {
            throw new IllegalArgumentException("bad cumulative offset " + cumulative);
        }
        if (limit < 0 || limit > SegmentCodec.MAX_OFFSET) {
            throw new IllegalArgumentException("bad limit " + limit);
        }
        if (!rangesValid(cumulative, sacks)) {
            throw new IllegalArgumentException("bad SACK ranges above " + cumulative + ": " + sacks);
        }
    }

    /** An acknowledgement with no SACK ranges. */
    public AckInfo(long cumulative, long limit) {
        this(cumulative, limit, List.of());
    }

    static boolean rangesValid(long cumulative, List<SackRange> sacks) {
        if (sacks.size() > MAX_SACK_RANGES) {
            return false;
        }
        long previousEnd = cumulative;
        for (SackRange r : sacks) {
            if (r.start() <= previousEnd) {
                return false; // at the cumulative point there is a hole by definition; ranges never touch
            }
            previousEnd = r.end();
        }
        return true;
    }
}
