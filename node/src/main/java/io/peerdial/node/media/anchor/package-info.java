/**
 * Media anchoring for standard phones (ARCHITECTURE.md "A call", docs/MEDIA.md): how the node rewrites
 * the SDP crossing between a local phone and another node, RFC 3264 offer/answer with the ICE
 * attributes of RFC 8839 on the node side and plain RTP (RFC 3550 §11 port pairs) on the phone side.
 * Pure functions over the {@code media.sdp} model; the sockets and ICE sessions live in {@code media.net}.
 */
package io.peerdial.node.media.anchor;
