/**
 * SDP, the Session Description Protocol (RFC 8866, which obsoletes RFC 4566), and the
 * offer/answer model on top of it (RFC 3264). Sans-IO: {@link io.peerdial.node.media.sdp.SdpParser}
 * turns peer text into an immutable {@link io.peerdial.node.media.sdp.SessionDescription} or a typed
 * {@link io.peerdial.node.media.sdp.SdpException}; {@link io.peerdial.node.media.sdp.SdpWriter} writes
 * one back (CRLF lines); {@link io.peerdial.node.media.sdp.OfferAnswer} builds offers and answers.
 * Attributes this package does not interpret (ICE: RFC 8839 ice-ufrag, ice-pwd, candidate,
 * end-of-candidates) pass through in order as {@link io.peerdial.node.media.sdp.Attribute}s.
 */
package io.peerdial.node.media.sdp;
