package io.peerdial.overlay.nat;

/** How a node can be reached, as {@code peerdial status} shows it (CONTRACTS.md). */
public enum Reachability {
    /** Peers see the very address the node is bound to: no NAT in the way. */
    PUBLIC,
    /** Behind a NAT whose mapping is endpoint-independent (RFC 4787 §4.1): every peer sees one address. */
    CONE,
    /** Behind a NAT that maps each destination anew: peers see different addresses. */
    SYMMETRIC,
    /** Requests leave but no UDP answer ever arrives. */
    UDP_BLOCKED,
    /** Not enough observations yet. */
    UNKNOWN
}
