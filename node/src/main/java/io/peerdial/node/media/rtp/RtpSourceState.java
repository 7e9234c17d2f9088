package io.peerdial.node.media.rtp;

/**
 * Reception state of one RTP source, transcribed from RFC 3550 Appendix A: sequence number validation
 * with probation (A.1), expected/lost/fraction lost (A.3) and interarrival jitter (A.8). Mutable, owned
 * by one {@link RtcpSession} (or one forwarding leg); not thread-safe.
 */
public final class RtpSourceState {

    /** A.1: sequential packets needed before a new source is valid. */
    public static final int MIN_SEQUENTIAL = 2;
    /** A.1: a forward jump larger than this is treated as a restart, not as loss. */
    public static final int MAX_DROPOUT = 3000;
    /** A.1: a backward jump up to this is a late packet. */
    public static final int MAX_MISORDER = 100;
    static final int RTP_SEQ_MOD = 1 << 16;

    private final long ssrc;
    private int maxSeq;          // highest seq. number seen
    private long cycles;         // shifted count of seq. number cycles
    private int baseSeq;         // base seq number
    private int badSeq;          // last 'bad' seq number + 1
    private int probation;       // sequ. packets till source is valid
    private long received;       // packets received
    private long expectedPrior;  // packet expected at last interval
    private long receivedPrior;  // packet received at last interval
    private int transit;         // relative trans time for prev pkt
    private boolean transitKnown; // whether transit comes from a packet (observeArrival) or is A.8's zero
    private double jitter;       // estimated jitter, in timestamp units
    private int fraction;        // fraction lost in the last interval, of 256
    private int lost;            // cumulative lost, clamped to 24 signed bits

    /** A blank source, all zero (the C struct before A.1's code runs). */
    public RtpSourceState(long ssrc) {
        RtpPacket.requireUnsigned32("ssrc", ssrc);
        this.ssrc = ssrc;
    }

    /** A.1: "when a new source is heard for the first time": init_seq, then put it on probation. */
    public static RtpSourceState heardFirst(long ssrc, int seq) {
        RtpSourceState source = new RtpSourceState(ssrc);
        source.initSeq(seq);
        source.maxSeq = (seq - 1) & 0xFFFF;
        source.probation = MIN_SEQUENTIAL;
        return source;
    }

    /** A.1 init_seq. RFC-faithful: bad_seq = RTP_SEQ_MOD + 1 so that no 16-bit seq matches it by accident. */
    void initSeq(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = RTP_SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
    }

    /**
     * A.1 update_seq: counts the packet and returns whether it is valid (the source is out of probation and
     * the packet is not from a wild jump that awaits confirmation).
     */
    public boolean updateSeq(int seq) {
        if (seq < 0 || seq > 0xFFFF) {
            throw new IllegalArgumentException("sequence number must be 0-65535: " + seq);
        }
        int udelta = (seq - maxSeq) & 0xFFFF;
        if (probation > 0) {
            // packet is in sequence (the RFC compares with max_seq + 1; we wrap it to 16 bits)
            if (seq == ((maxSeq + 1) & 0xFFFF)) {
                probation--;
                maxSeq = seq;
                if (probation == 0) {
                    initSeq(seq);
                    received++;
                    return true;
                }
            } else {
                probation = MIN_SEQUENTIAL - 1;
                maxSeq = seq;
            }
            return false;
        } else if (udelta < MAX_DROPOUT) {
            // in order, with permissible gap
            if (seq < maxSeq) {
                cycles += RTP_SEQ_MOD; // sequence number wrapped: count another 64K cycle
            }
            maxSeq = seq;
        } else if (udelta <= RTP_SEQ_MOD - MAX_MISORDER) {
            // the sequence number made a very large jump
            if (seq == badSeq) {
                // two sequential packets: assume the other side restarted without telling us
                initSeq(seq);
            } else {
                badSeq = (seq + 1) & (RTP_SEQ_MOD - 1);
                return false;
            }
        }
        // else: duplicate or reordered packet
        received++;
        return true;
    }

    /**
     * A.8: updates the interarrival jitter with one packet. Both arguments are in timestamp units; the
     * arrival clock may have any origin. Arithmetic wraps at 32 bits like the RFC's {@code int}.
     */
    public void updateJitter(long rtpTimestamp, long arrival) {
        int packetTransit = (int) (arrival - rtpTimestamp);
        int d = packetTransit - transit;
        transit = packetTransit;
        if (d < 0) {
            d = -d;
        }
        jitter += (1.0 / 16.0) * ((double) d - jitter);
    }

    /**
     * Jitter for a receiver whose arrival clock has an arbitrary origin (a monotonic clock, as ours):
     * the first packet only sets the transit, later ones go through {@link #updateJitter}. A.8 as
     * written starts from a zero transit, so its first packet adds |transit|/16 to J — a meaningless
     * figure (hours, with a monotonic clock) that decays by only 1/16 per packet; §6.4.1 defines J
     * over pairs of packets, which this keeps.
     */
    public void observeArrival(long rtpTimestamp, long arrival) {
        if (!transitKnown) {
            transit = (int) (arrival - rtpTimestamp);
            transitKnown = true;
            return;
        }
        updateJitter(rtpTimestamp, arrival);
    }

    /** A.3: the extended highest sequence number received (cycles plus max_seq), unsigned 32 bits. */
    public long extendedMax() {
        return (cycles + maxSeq) & 0xFFFF_FFFFL;
    }

    /** A.3: packets expected since the source became valid. */
    public long expected() {
        return cycles + maxSeq - baseSeq + 1;
    }

    /**
     * A.3: closes a reporting interval: computes the cumulative lost (clamped to 24 signed bits) and the
     * fraction lost since the previous call, and starts the next interval.
     */
    public void closeInterval() {
        long expected = expected();
        long lostTotal = expected - received;
        lost = (int) Math.max(ReportBlock.MIN_CUMULATIVE_LOST, Math.min(ReportBlock.MAX_CUMULATIVE_LOST, lostTotal));
        long expectedInterval = expected - expectedPrior;
        expectedPrior = expected;
        long receivedInterval = received - receivedPrior;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
    }

    /** A report block on this source from the last {@link #closeInterval()}; LSR/DLSR supplied by the caller. */
    public ReportBlock reportBlock(long lastSr, long delaySinceLastSr) {
        return new ReportBlock(ssrc, fraction, lost, extendedMax(), (long) jitter & 0xFFFF_FFFFL, lastSr,
                delaySinceLastSr);
    }

    public long ssrc() {
        return ssrc;
    }

    public boolean onProbation() {
        return probation > 0;
    }

    public int maxSeq() {
        return maxSeq;
    }

    public long cycles() {
        return cycles;
    }

    public int baseSeq() {
        return baseSeq;
    }

    public int badSeq() {
        return badSeq;
    }

    public int probation() {
        return probation;
    }

    public long received() {
        return received;
    }

    public long expectedPrior() {
        return expectedPrior;
    }

    public long receivedPrior() {
        return receivedPrior;
    }

    public int transit() {
        return transit;
    }

    /** Interarrival jitter in timestamp units, unrounded (A.8 keeps it as a double). */
    public double jitter() {
        return jitter;
    }

    /** Fraction lost in the last closed interval, of 256. */
    public int fractionLost() {
        return fraction;
    }

    /** Cumulative lost at the last closed interval. */
    public int cumulativeLost() {
        return lost;
    }
}
