package io.peerdial.overlay.storage;

import io.peerdial.overlay.identity.NodeId;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;

/**
 * What a node keeps for others. The overlay moves opaque values; a policy decides which writes to
 * accept and what to hand out. The signed-binding policy lives in {@code dht-location}; tests and
 * the simulator may use {@link InMemoryStoragePolicy}. Implementations are sans-IO like the core
 * that calls them: time comes in as {@code now}.
 */
public interface StoragePolicy {

    /** Validates one write and keeps it if acceptable. Never throws for bad peer input. */
    StoreOutcome store(long now, NodeId key, byte[] value);

    /**
     * A write that arrived from {@code source} over the network, so that a policy can limit writes
     * per source; by default the same as {@link #store(long, NodeId, byte[])}.
     */
    default StoreOutcome store(long now, NodeId key, byte[] value, InetSocketAddress source) {
        return store(now, key, value);
    }

    /** Values held under {@code key} that are still valid at {@code now}, in a stable order. */
    List<byte[]> get(long now, NodeId key);

    /** Keys with at least one value; used to replicate and hand values off to closer nodes. */
    Collection<NodeId> keys();

    /** Drops what has expired by {@code now}. */
    void expire(long now);

    /** Number of values held, for status and metrics. */
    int valueCount();
}
