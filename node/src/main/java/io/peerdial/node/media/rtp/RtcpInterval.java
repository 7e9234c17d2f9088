package io.peerdial.node.media.rtp;

import java.util.random.RandomGenerator;

/**
 * The RTCP transmission interval of RFC 3550 §6.3.1 and A.7, in seconds (as the RFC computes it).
 * The randomisation comes from an injected generator so a run replays from its seed.
 */
public final class RtcpInterval {

    /** A.7 RTCP_MIN_TIME, halved before the first report ("initial"). */
    public static final double MIN_TIME = 5.0;
    /** A.7 RTCP_SENDER_BW_FRACTION. */
    public static final double SENDER_BW_FRACTION = 0.25;
    /** A.7 COMPENSATION = e - 3/2 (the RFC's "e-3/2", not e^-1.5): reconsideration converges low. */
    public static final double COMPENSATION = 2.71828 - 1.5;
    /** RFC 3550 §6.2: RTCP gets 5 % of the session bandwidth. */
    public static final double RTCP_BANDWIDTH_FRACTION = 0.05;

    private RtcpInterval() {
    }

    /** §6.2: RTCP bandwidth in octets per second from a session bandwidth in bits per second. */
    public static double rtcpBandwidth(double sessionBitsPerSecond) {
        return sessionBitsPerSecond / 8 * RTCP_BANDWIDTH_FRACTION;
    }

    /**
     * A.7 rtcp_interval up to, not including, the randomisation: Td = max(Tmin, n * C).
     *
     * @param rtcpBandwidth   octets per second for RTCP (all participants)
     * @param avgRtcpSize     average compound size in octets, UDP/IP headers included (§6.3.3)
     */
    public static double deterministic(int members, int senders, double rtcpBandwidth, boolean weSent,
                                       double avgRtcpSize, boolean initial) {
        if (members < 1 || senders < 0 || rtcpBandwidth <= 0 || avgRtcpSize <= 0) {
            throw new IllegalArgumentException("members >= 1, senders >= 0, bandwidth and size > 0");
        }
        double minTime = initial ? MIN_TIME / 2 : MIN_TIME;
        int n = members;
        double bandwidth = rtcpBandwidth;
        // a quarter of the bandwidth for senders when they are at most a quarter of the members (<=, A.7)
        if (senders <= members * SENDER_BW_FRACTION) {
            if (weSent) {
                bandwidth *= SENDER_BW_FRACTION;
                n = senders;
            } else {
                bandwidth *= 1 - SENDER_BW_FRACTION;
                n -= senders;
            }
        }
        double t = avgRtcpSize * n / bandwidth;
        return Math.max(t, minTime);
    }

    /** A.7 rtcp_interval: Td times a uniform factor in [0.5, 1.5), divided by e - 3/2. */
    public static double interval(int members, int senders, double rtcpBandwidth, boolean weSent,
                                  double avgRtcpSize, boolean initial, RandomGenerator random) {
        double td = deterministic(members, senders, rtcpBandwidth, weSent, avgRtcpSize, initial);
        return td * (random.nextDouble() + 0.5) / COMPENSATION;
    }

    /**
     * §6.3.4 reverse reconsideration, when members drop (BYE or timeout): pulls the next transmission
     * time toward now, {@code tn = tc + members/pmembers * (tn - tc)}.
     */
    public static double reverseNext(double tc, double tn, int members, int pmembers) {
        return tc + (double) members / pmembers * (tn - tc);
    }

    /** §6.3.4 reverse reconsideration of the previous time: {@code tp = tc - members/pmembers * (tc - tp)}. */
    public static double reversePrevious(double tc, double tp, int members, int pmembers) {
        return tc - (double) members / pmembers * (tc - tp);
    }
}
