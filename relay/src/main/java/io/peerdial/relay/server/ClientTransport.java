package io.peerdial.relay.server;

/** How a client reaches the server (RFC 8656 §3.1). Allocations always relay UDP. */
public enum ClientTransport {
    UDP,
    /** STUN and ChannelData framed over one TCP connection, ChannelData padded to 4 bytes (§12.5). */
    TCP
}
