package io.peerdial.overlay.kademlia;

import io.peerdial.overlay.identity.NodeId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adaptive request timeouts: a smoothed RTT and its variation per contact, after TCP's
 * retransmission timer (RFC 6298 §2), with a node-wide estimate for contacts never measured.
 * A fixed timeout is either too slow on a LAN or too eager across continents.
 */
final class RttEstimator {

    private static final int MAX_TRACKED = 4096;

    private final long initialMs;
    private final long minMs;
    private final long maxMs;
    private final Estimate global = new Estimate();
    private final Map<NodeId, Estimate> perContact = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<NodeId, Estimate> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    RttEstimator(long initialMs, long minMs, long maxMs) {
        this.initialMs = initialMs;
        this.minMs = minMs;
        this.maxMs = maxMs;
    }

    void sample(NodeId contact, long rttMs) {
        global.add(rttMs);
        if (contact != null) perContact.computeIfAbsent(contact, c -> new Estimate()).add(rttMs);
    }

    /** Timeout for a request to {@code contact} (null: unknown NodeId, e.g. a bootstrap address). */
    long timeoutFor(NodeId contact) {
        Estimate e = contact == null ? null : perContact.get(contact);
        if (e == null) e = global;
        if (e.samples == 0) return initialMs;
        // RFC 6298 §2.3: RTO = SRTT + max(G, 4 * RTTVAR); G is our 1 ms clock granularity
        double rto = e.srtt + Math.max(1.0, 4 * e.rttvar);
        return Math.max(minMs, Math.min(maxMs, (long) Math.ceil(rto)));
    }

    /** Smoothed RTT for status, or -1 before any sample. */
    double smoothedRttMs() {
        return global.samples == 0 ? -1 : global.srtt;
    }

    private static final class Estimate {
        double srtt;
        double rttvar;
        int samples;

        void add(long r) {
            if (samples++ == 0) {
                srtt = r;          // RFC 6298 §2.2
                rttvar = r / 2.0;
            } else {
                rttvar = 0.75 * rttvar + 0.25 * Math.abs(srtt - r); // §2.3, β = 1/4
                srtt = 0.875 * srtt + 0.125 * r;                    // α = 1/8
            }
        }
    }
}
