/**
 * Sans-IO signalling of P2P sockets (internal, not API): the SDP offer/answer of a P2P session — one
 * {@code m=application} section carrying the endpoint's RFC 8839 ICE attributes — and the endpoint's
 * identity proof, an Ed25519 signature by its user key over the session's parties, Call-ID, time and ICE
 * attributes ({@link io.peerdial.p2p.signal.IdentityProof}). The offer travels in a SIP INVITE through the
 * nodes' SIP proxies (docs/SIP.md: lookup of the signed binding, signed inter-node requests, rendezvous,
 * forking), which pass such application-only sessions through without media anchoring (docs/P2P.md).
 */
package io.peerdial.p2p.signal;
