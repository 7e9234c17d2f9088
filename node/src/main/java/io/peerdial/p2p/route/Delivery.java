package io.peerdial.p2p.route;

import io.peerdial.overlay.identity.NodeId;

/**
 * Where a key-routed datagram was delivered and acknowledged.
 *
 * @param node     the node that took it: the closest live node to the key found
 * @param attempts nodes tried (1 unless closer nodes did not answer)
 */
public record Delivery(NodeId node, int attempts) {}
