package io.peerdial.overlay.kademlia;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.nat.Reachability;
import java.util.Map;

/**
 * A snapshot of one node for {@code peerdial status} and metrics.
 *
 * @param reachability what peers' observations say about this node's NAT
 * @param counters monotonically increasing counters by name (messages in/out, bad datagrams by
 *                 reason, rate-limited sources, STUN requests answered, ...)
 */
public record OverlayStatus(NodeId nodeId, boolean client, int contacts, int storedValues,
                            int pendingRequests, Reachability reachability, Map<String, Long> counters) {
    public OverlayStatus {
        counters = Map.copyOf(counters);
    }
}
