/**
 * The DHT map API: a hash table with set semantics over signed {@code MAP_VALUE} entries, after
 * RELOAD's dictionary kind (RFC 6940 §7.2), with the owner's refresh before expiry
 * ({@link io.peerdial.location.map.EntryPublisher}) that bindings use as well. Sans-IO: the overlay,
 * the clock and the timer come in through {@link io.peerdial.location.map.OverlayAccess}.
 */
package io.peerdial.location.map;
