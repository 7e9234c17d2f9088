package io.peerdial.relay.server;

/**
 * A snapshot of the core's counters. Drops are counted by cause, so that an operator sees an
 * attack (no permission, forbidden peers) apart from overload (bandwidth).
 */
public record TurnStats(int allocations, long allocationsCreated, long requests, long errorResponses,
                        long unauthenticated, long staleNonces, long quotaRefusals, long forbiddenPeers,
                        long malformed, long droppedNoAllocation, long droppedNoPermission, long droppedBandwidth,
                        long datagramsToPeers, long bytesToPeers, long datagramsToClients, long bytesToClients) {

    /** Application bytes relayed in both directions. */
    public long bytesRelayed() {
        return bytesToPeers + bytesToClients;
    }
}
