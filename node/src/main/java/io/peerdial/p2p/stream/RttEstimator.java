package io.peerdial.p2p.stream;

/** RFC 6298 round-trip estimation and retransmission timeout, in milliseconds. */
final class RttEstimator {

    private static final long CLOCK_GRANULARITY = 1; // G: the driver's clock ticks in milliseconds

    private final long minRto;
    private final long maxRto;
    private long srtt = -1;
    private long rttvar;
    private long rto;
    private int backoff;

    RttEstimator(long initialRto, long minRto, long maxRto) {
        this.rto = initialRto; // RFC 6298 §2.1
        this.minRto = minRto;
        this.maxRto = maxRto;
    }

    /** A sample from a segment sent once (Karn's rule: the caller never passes retransmitted ones). */
    void sample(long rtt) {
        long r = Math.max(rtt, 0);
        if (srtt < 0) { // RFC 6298 §2.2
            srtt = r;
            rttvar = r / 2;
        } else { // RFC 6298 §2.3, alpha = 1/8, beta = 1/4
            rttvar = (3 * rttvar + Math.abs(srtt - r)) / 4;
            srtt = (7 * srtt + r) / 8;
        }
        rto = clamp(srtt + Math.max(CLOCK_GRANULARITY, 4 * rttvar));
        backoff = 0; // a fresh sample ends the back-off (RFC 6298 §5.7)
    }

    /** RFC 6298 §5.5: double the RTO on expiry, up to the maximum. */
    void backOff() {
        backoff++;
        rto = Math.min(maxRto, rto * 2);
    }

    long rto() {
        return rto;
    }

    long srtt() {
        return srtt;
    }

    private long clamp(long value) {
        return Math.min(maxRto, Math.max(minRto, value)); // RFC 6298 §2.4, §2.5
    }
}
