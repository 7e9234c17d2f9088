/**
 * Drivers of the relay in a running node: {@link io.peerdial.node.relay.runtime.RelayService}
 * (super-node side: TURN runtime, credentials, receipts, adverts, admission) and
 * {@link io.peerdial.node.relay.runtime.RelayClient} (finding relays and getting credentials, for
 * ICE). IO and threads live here; the protocol logic is the relay module's sans-IO components.
 */
package io.peerdial.node.relay.runtime;
