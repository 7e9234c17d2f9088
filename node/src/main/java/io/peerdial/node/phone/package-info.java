/**
 * The bundled softphone's SIP user agent (RFC 3261 UA on JAIN-SIP RI; offer/answer per RFC 3264,
 * hold per RFC 3264 §8.4): it registers an AOR at a peerdial node's phone face (the node is its
 * outbound proxy), places and receives calls, holds and resumes them with re-INVITEs. Media is
 * behind {@link io.peerdial.node.phone.MediaEngine} / {@link io.peerdial.node.phone.CallMedia},
 * implemented elsewhere (RTP, codecs, ICE); {@link io.peerdial.node.phone.NoMediaEngine} stands in
 * until then.
 */
package io.peerdial.node.phone;
