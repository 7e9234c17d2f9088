package io.peerdial.node.relay;

import io.peerdial.node.daemon.Role;
import io.peerdial.overlay.nat.Reachability;

/**
 * Whether this node's calls need relay candidates (ARCHITECTURE.md, "A call" step 3): a node that
 * others cannot reach directly — behind a NAT, UDP blocked, or a DHT client by choice — offers a relay
 * candidate from a super-node's TURN server, so that a call still connects when both ends are behind
 * NATs that hole punching cannot pass (symmetric ones). A node that relays itself is public and does
 * not; neither does a node that has no observations yet (it would load relays for nothing).
 */
public final class RelayNeed {

    private RelayNeed() {}

    public static boolean needsRelay(Role role, Reachability reachability, boolean servingAsRelay) {
        if (servingAsRelay) return false;
        return switch (reachability) {
            case CONE, SYMMETRIC, UDP_BLOCKED -> true;
            case PUBLIC -> false;
            case UNKNOWN -> role == Role.CLIENT;
        };
    }

    /**
     * Whether the node must reach its relay's TURN server over TCP (RFC 8656 §3.1): only when its UDP
     * is blocked. The allocation still relays UDP to peers; the node's ICE run reaches the server
     * through its TURN tap (docs/MEDIA.md "TURN tap"), since ice4j allocates over UDP only.
     */
    public static boolean turnOverTcp(Reachability reachability) {
        return reachability == Reachability.UDP_BLOCKED;
    }
}
