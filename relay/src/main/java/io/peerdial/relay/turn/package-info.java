/**
 * TURN wire format (RFC 8656 over RFC 8489): the TURN attributes (RFC 8656 §18) as records that
 * plug into the STUN codec of {@code io.peerdial.overlay.stun} through
 * {@link io.peerdial.relay.turn.TurnAttributes#registry()}, the TURN method numbers (§17), and
 * ChannelData framing (§12.4), which is not STUN and has its own codec and typed errors.
 */
package io.peerdial.relay.turn;
