/**
 * The node's TURN tap, sans-IO part: the node puts a forwarder of its own between ice4j's TURN
 * client (RFC 8656) and the TURN server, so that it can reach the server over TCP (RFC 8656 §3.1),
 * which ice4j cannot, and count the application bytes each allocation carries (ice4j hides them),
 * for the relay receipts (docs/INCENTIVES.md).
 *
 * <p>{@link io.peerdial.node.media.turn.TurnFraming} frames TURN over a stream (RFC 8489 §6.2.2:
 * STUN messages delimited by their length; RFC 8656 §12.5: ChannelData padded to a multiple of 4);
 * {@link io.peerdial.node.media.turn.StreamDeframer} cuts a TCP byte stream into frames;
 * {@link io.peerdial.node.media.turn.RetransmissionFilter} keeps ice4j's UDP retransmissions out of
 * a TCP stream (RFC 8489 §6.2.2);
 * {@link io.peerdial.node.media.turn.AllocationMeter} reads each datagram of one client↔server flow
 * in place: DATA of Send/Data indications (RFC 8656 §11), ChannelData payloads (§12.4), and the
 * XOR-RELAYED-ADDRESS / XOR-MAPPED-ADDRESS of the Allocate success response (§7.3). Nothing here
 * throws on peer input: bad frames raise {@link io.peerdial.node.media.turn.TapParseException}
 * inside, and the meter counts them as malformed. The sockets and the thread live in
 * {@code io.peerdial.node.media.turn.net}.
 */
package io.peerdial.node.media.turn;
