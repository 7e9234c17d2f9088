/**
 * Relays in the overlay (docs/RELAY.md, "Relays in the overlay"; docs/INCENTIVES.md): super-node
 * election, the operator's options, the overlay service ids of the relay exchanges and what the
 * ICE layer gets. Pure code; the drivers are in {@code io.peerdial.node.relay.runtime}.
 */
package io.peerdial.node.relay;
