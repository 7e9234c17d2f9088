/**
 * The data part of the P2P API: {@link io.peerdial.p2p.dht.P2PMap}, the signed DHT map of
 * {@code io.peerdial.location.map} (set semantics per owner, TTL, signed tombstones; after RELOAD's
 * dictionary kind, RFC 6940 §7.2) behind one entry point with blocking and asynchronous variants.
 * Sans-IO: it only composes the map's futures.
 */
package io.peerdial.p2p.dht;
