/**
 * The DHT map API (sketch; implemented once the overlay node runs): a hash table with set
 * semantics over signed {@code MAP_VALUE} entries, after RELOAD's dictionary kind (RFC 6940 §7.2).
 */
package io.peerdial.location.map;
