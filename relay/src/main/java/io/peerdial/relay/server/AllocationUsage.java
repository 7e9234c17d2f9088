package io.peerdial.relay.server;

import java.net.InetSocketAddress;

/**
 * What one live allocation has relayed so far: application bytes each way, as in
 * {@link TurnEvent.AllocationClosed}. The incentive layer compares them with the client's receipts
 * (docs/INCENTIVES.md, "Enforcement").
 */
public record AllocationUsage(InetSocketAddress relayed, String username, long bytesToPeers, long bytesToClient) {}
