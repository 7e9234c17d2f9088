package io.peerdial.location.map;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.kademlia.OverlayEvent.StoreCompleted;
import io.peerdial.overlay.kademlia.OverlayEvent.ValuesFound;
import java.util.concurrent.CompletableFuture;

/**
 * What the map and the publishers need from a running overlay node: its two value operations as
 * futures, its clock and its timer. Two adapters exist: {@code io.peerdial.location.runtime.RuntimeOverlayAccess}
 * over the UDP runtime, and a test adapter over the in-memory network, so the same map code runs
 * on real sockets and in deterministic tests.
 */
public interface OverlayAccess {

    /** The driver's clock in ms since the epoch (real time on sockets, virtual time in tests). */
    long now();

    /** An iterative FIND_VALUE; completes with every raw value the holders returned. */
    CompletableFuture<ValuesFound> findValue(NodeId key);

    /** Stores {@code value} on the k closest nodes to {@code key}; completes with their answers. */
    CompletableFuture<StoreCompleted> store(NodeId key, byte[] value);

    /** Runs {@code task} at time {@code at} (or as soon after as the driver can) on the driver's own schedule. */
    void schedule(long at, Runnable task);
}
