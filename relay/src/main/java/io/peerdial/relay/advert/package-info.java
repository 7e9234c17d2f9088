/**
 * Relay adverts (docs/INCENTIVES.md, "Relay adverts"): super-nodes publish signed adverts (TURN
 * address, capacity left, load) in the DHT through the map API; {@link io.peerdial.relay.advert.RelaySelector}
 * picks a nearby, lightly loaded relay and a second choice. Signatures: Ed25519 (RFC 8032). Sans-IO.
 */
package io.peerdial.relay.advert;
