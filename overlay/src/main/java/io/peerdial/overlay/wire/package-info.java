/**
 * The overlay wire format: immutable message records and {@link io.peerdial.overlay.wire.MessageCodec}.
 * Kademlia RPCs after Maymounkov &amp; Mazières (2002) §2.3; node-key proofs after S/Kademlia §4;
 * write tokens after BEP 5. Every datagram is at most 1,200 bytes so it is never IP-fragmented
 * (RFC 8085 §3.2). The first byte 0xD7 keeps overlay datagrams apart from STUN (RFC 7983 §7).
 * Texts are strict UTF-8 (RFC 3629); node-key proofs are Ed25519 signatures (RFC 8032).
 * Field-by-field layout: docs/PROTOCOL.md.
 */
package io.peerdial.overlay.wire;
