package io.peerdial.p2p;

/** How a {@link P2PSocket}'s datagrams travel. */
public enum PathType {
    /** Straight between the two endpoints (host, server-reflexive or peer-reflexive candidates). */
    DIRECT,
    /** Through a TURN relay on a super-node (a relay candidate on either side). */
    RELAYED
}
