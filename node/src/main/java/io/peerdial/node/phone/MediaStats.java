package io.peerdial.node.phone;

/** Counters of one media leg; {@code rttMs} and {@code jitterMs} are negative while unknown. */
public record MediaStats(long packetsSent, long packetsReceived, long packetsLost, double jitterMs, double rttMs) {
    public static final MediaStats NONE = new MediaStats(0, 0, 0, -1, -1);

    @Override
    public String toString() {
        return "sent " + packetsSent + " received " + packetsReceived + " lost " + packetsLost
                + (jitterMs < 0 ? "" : String.format(java.util.Locale.ROOT, " jitter %.1f ms", jitterMs))
                + (rttMs < 0 ? "" : String.format(java.util.Locale.ROOT, " rtt %.1f ms", rttMs));
    }
}
