/**
 * Generic signed DHT entries, after the RELOAD dictionary data model (RFC 6940 §7.2, §7.4.3): one
 * canonical, versioned, length-limited binary encoding signed with Ed25519 (RFC 8032 §5.1). A
 * binding ({@code io.peerdial.location.binding}) and a DHT map value are two kinds of entry.
 * The format is specified field by field in docs/PROTOCOL.md ("Signed entries").
 */
package io.peerdial.location.entry;
