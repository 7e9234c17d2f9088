package io.peerdial.node.sip.transport;

/** Which face of the node a message enters or leaves through. */
public enum Side {
    /** Local phones on the {@code --sip} address: trusted on loopback, never signed. */
    PHONE,
    /** Other peerdial nodes: every request signed and verified. */
    PEER
}
