/**
 * The sans-IO TURN server core (RFC 8656 over RFC 8489): allocations keyed by 5-tuple, the
 * long-term credential mechanism (RFC 8489 §9.2), permissions (RFC 8656 §9), channels (§12),
 * Send/Data indications (§10), quotas and the peer address policy. It never touches a socket,
 * a thread or the clock: {@link io.peerdial.relay.server.TurnServer} takes {@code now} and bytes,
 * and is drained through {@code pollTransmit}/{@code pollEvent}/{@code pollTimeout}. Relayed ports
 * come from an injected {@link io.peerdial.relay.server.RelayPorts}. See docs/RELAY.md.
 */
package io.peerdial.relay.server;
