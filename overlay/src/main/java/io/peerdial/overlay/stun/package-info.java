/**
 * STUN (RFC 8489) message codec and the Binding responder every overlay port runs, so that each
 * public node is a STUN server for its peers. Demultiplexed from overlay datagrams by the first
 * byte (RFC 7983 §7). The TURN server in {@code relay} builds on this codec.
 */
package io.peerdial.overlay.stun;
