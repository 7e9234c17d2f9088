package io.peerdial.overlay.storage;

import io.peerdial.overlay.identity.NodeId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PLACEHOLDER from the runtime branch so that the daemon compiles; the lead replaces it with the
 * real policy (capacity settings, expiry). Keeps distinct values per key, without limits or expiry.
 */
public final class InMemoryStoragePolicy implements StoragePolicy {

    private final Map<NodeId, List<byte[]>> values = new LinkedHashMap<>();

    @Override
    public StoreOutcome store(long now, NodeId key, byte[] value) {
        List<byte[]> held = values.computeIfAbsent(key, k -> new ArrayList<>());
        if (held.stream().noneMatch(v -> Arrays.equals(v, value))) held.add(value.clone());
        return StoreOutcome.STORED;
    }

    @Override
    public List<byte[]> get(long now, NodeId key) {
        return values.getOrDefault(key, List.of()).stream().map(byte[]::clone).toList();
    }

    @Override
    public Collection<NodeId> keys() {
        return List.copyOf(values.keySet());
    }

    @Override
    public void expire(long now) {
        // placeholder: nothing expires
    }

    @Override
    public int valueCount() {
        return values.values().stream().mapToInt(List::size).sum();
    }
}
