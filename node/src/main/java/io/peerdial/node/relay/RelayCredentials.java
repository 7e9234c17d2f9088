package io.peerdial.node.relay;

import io.peerdial.overlay.identity.NodeId;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What the ICE layer needs to allocate on a super-node's TURN server (ice4j's
 * TurnCandidateHarvester: server address, long-term credential), plus where the relay's overlay
 * node is, for receipts.
 *
 * @param relay      the relay's NodeId (its receipts name it)
 * @param overlay    the relay node's overlay address (receipts are sent there)
 * @param turnServer the TURN server (UDP; TCP on the same port when {@code tcp})
 * @param expiresAt  epoch ms; ask again before (allocations refreshed after it fail with 401)
 */
public record RelayCredentials(NodeId relay, InetSocketAddress overlay, InetSocketAddress turnServer, boolean tcp,
                               String realm, String username, String password, long expiresAt) {
    public RelayCredentials {
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(overlay, "overlay");
        Objects.requireNonNull(turnServer, "turnServer");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() { // never print the password
        return "RelayCredentials[" + username + "@" + realm + " on " + turnServer + ", relay " + relay.shortHex() + "]";
    }
}
