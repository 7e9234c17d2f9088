package io.peerdial.node.daemon;

import io.peerdial.overlay.kademlia.OverlayStatus;
import io.peerdial.overlay.runtime.RuntimeStats;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What the control endpoint reports about a running node at one instant.
 *
 * @param role         {@code super}, {@code peer} or {@code client}
 * @param reachability {@code PUBLIC}, {@code CONE}, {@code SYMMETRIC}, {@code UDP_BLOCKED} or {@code UNKNOWN}
 */
public record NodeSnapshot(OverlayStatus overlay, RuntimeStats runtime, InetSocketAddress listen,
                           String role, String reachability) {
    public NodeSnapshot {
        Objects.requireNonNull(overlay, "overlay");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(reachability, "reachability");
    }
}
