/**
 * Node and user identities: Ed25519 key pairs (RFC 8032) and 160-bit IDs, NodeId = first 160 bits
 * of SHA-256(public key) as in S/Kademlia (Baumgart &amp; Mizrak 2007, §4.1).
 */
package io.peerdial.overlay.identity;
