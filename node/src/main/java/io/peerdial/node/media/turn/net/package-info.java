/**
 * The node's TURN tap, IO part: {@link io.peerdial.node.media.turn.net.TurnTap} owns the sockets and
 * the thread that forward ice4j's TURN client traffic (RFC 8656) to the real server, over UDP or over
 * TCP (RFC 8656 §3.1), counting it with the sans-IO meter of {@code io.peerdial.node.media.turn}.
 */
package io.peerdial.node.media.turn.net;
