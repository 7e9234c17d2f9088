package io.peerdial.overlay.kademlia;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.routing.RoutingEntry;
import io.peerdial.overlay.routing.RoutingTable;

/**
 * Adaptive request timeouts after TCP's retransmission timer (RFC 6298 §2): the estimate of a
 * contact in the routing table lives with its entry ({@link RoutingTable#sampleRtt}, read back
 * through a {@link RoutingEntry}); contacts not in the table
 * (bootstrap addresses, lookup candidates met for the first time) get the node-wide estimate.
 * A fixed timeout is either too slow on a LAN or too eager across continents.
 */
final class RttEstimator {

    /** Initial timeout and bounds, read from the shared configuration (not copied: one per node adds up). */
    private final OverlayConfig config;
    /** Node-wide estimate over every sample. */
    private double srtt;
    private double rttvar;
    private long samples;

    RttEstimator(OverlayConfig config) {
        this.config = config;
    }

    /** One measured round trip, to {@code contact}: into the node-wide estimate and the contact's entry, if any. */
    void sample(RoutingTable table, NodeId contact, long rttMs) {
        if (samples++ == 0) {               // RFC 6298 §2.2
            srtt = rttMs;
            rttvar = rttMs / 2.0;
        } else {                            // §2.3, α = 1/8, β = 1/4
            rttvar = 0.75 * rttvar + 0.25 * Math.abs(srtt - rttMs);
            srtt = 0.875 * srtt + 0.125 * rttMs;
        }
        table.sampleRtt(contact, rttMs);
    }

    /** Timeout for a request to {@code contact} (null: not in the table). */
    long timeoutFor(RoutingEntry contact) {
        if (contact != null && contact.smoothedRtt() >= 0) return rto(contact.smoothedRtt(), contact.rttVariation());
        return samples == 0 ? config.initialRpcTimeoutMs() : rto(srtt, rttvar);
    }

    /** RFC 6298 §2.3: RTO = SRTT + max(G, 4 * RTTVAR), G = our 1 ms clock granularity; clamped. */
    private long rto(double smoothed, double variation) {
        double rto = smoothed + Math.max(1.0, 4 * variation);
        return Math.max(config.minRpcTimeoutMs(), Math.min(config.maxRpcTimeoutMs(), (long) Math.ceil(rto)));
    }
}
