package io.peerdial.relay.server;

import java.net.InetSocketAddress;

/**
 * Admission of new allocations beyond the core's own quotas: the seam where the incentive policy
 * (docs/INCENTIVES.md) plugs into {@link TurnServer}. Called on the core's thread, synchronously,
 * after authentication and the per-user (486) and total (508) quotas passed; it must not block.
 */
public interface AllocationGate {

    /** Lets everything through (the standalone relay). */
    AllocationGate OPEN = (now, username, client, allocations) -> null;

    /**
     * Null to admit, else the refusal the client gets. {@code allocations} is the number of live
     * allocations of the core.
     */
    Refusal check(long now, String username, InetSocketAddress client, int allocations);

    /** An allocation the gate admitted was created. */
    default void opened(long now, String username, InetSocketAddress client, InetSocketAddress relayed) {}

    /** An allocation ended (expired, deleted, connection closed). */
    default void closed(long now, String username, InetSocketAddress client, InetSocketAddress relayed) {}

    /**
     * An error response: 486 (Allocation Quota Reached: this requester may not have more) or 508
     * (Insufficient Capacity: the relay has no more to give), RFC 8656 §7.2, with a reason phrase
     * that says which limit.
     */
    record Refusal(int code, String reason) {
        public Refusal {
            if (code != 486 && code != 508) throw new IllegalArgumentException("a gate refuses with 486 or 508, not " + code);
            if (reason == null || reason.isBlank()) throw new IllegalArgumentException("a refusal needs a reason");
        }
    }
}
