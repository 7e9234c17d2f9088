package io.peerdial.relay.server;

import java.net.InetSocketAddress;

/** What the TURN core reports to its driver (accounting, status, incentive receipts later). */
public sealed interface TurnEvent {

    record AllocationCreated(FiveTuple fiveTuple, String username, InetSocketAddress relayed) implements TurnEvent {}

    /** An allocation ended; the byte counts are application bytes relayed in each direction. */
    record AllocationClosed(FiveTuple fiveTuple, String username, InetSocketAddress relayed, CloseReason reason,
                            long bytesToPeers, long bytesToClient) implements TurnEvent {}

    enum CloseReason {
        /** Its lifetime ran out (RFC 8656 §7). */
        EXPIRED,
        /** The client sent Refresh with LIFETIME 0 (RFC 8656 §8.2). */
        DELETED,
        /** The client's TCP connection closed (RFC 8656 §3.1: the allocation goes with it). */
        CONNECTION_CLOSED,
        /** The relay deleted it ({@link TurnServer#revoke}: e.g. receipts not signed, docs/INCENTIVES.md). */
        REVOKED
    }
}
