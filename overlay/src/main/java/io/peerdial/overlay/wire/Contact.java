package io.peerdial.overlay.wire;

import io.peerdial.overlay.identity.NodeId;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The Kademlia contact triple (NodeId, IP, port). Immutable and shared: a routing table, a lookup
 * and the simulator can all point at the same instance.
 */
public record Contact(NodeId id, InetSocketAddress address) {
    public Contact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("contact address must be resolved: " + address);
        }
    }

    @Override
    public String toString() {
        return id.shortHex() + "@" + address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
