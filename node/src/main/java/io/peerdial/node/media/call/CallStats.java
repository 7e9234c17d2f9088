package io.peerdial.node.media.call;

/**
 * Counters of one call's media. Unknown values are negative.
 *
 * @param packetsSent     RTP packets sent (audio and telephone-event)
 * @param packetsReceived valid RTP packets received
 * @param packetsLost     expected minus received for the current remote source (RFC 3550 A.3, never below 0)
 * @param jitterMs        interarrival jitter of the remote source (RFC 3550 §6.4.1), -1 until known
 * @param rttMs           round-trip time from the far side's RTCP reports (§6.4.1), -1 until known
 * @param badDatagrams    datagrams dropped as malformed (RTP, RTCP or telephone-event)
 * @param digits          DTMF digits received, in order, each key press once
 */
public record CallStats(long packetsSent, long packetsReceived, long packetsLost, double jitterMs, double rttMs,
                        long badDatagrams, String digits) {

    /** Loss as a share of the packets expected, percent; 0 before anything arrived. */
    public double lossPercent() {
        long expected = packetsReceived + packetsLost;
        return expected == 0 ? 0 : packetsLost * 100.0 / expected;
    }
}
