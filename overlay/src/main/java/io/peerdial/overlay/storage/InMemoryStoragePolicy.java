package io.peerdial.overlay.storage;

import io.peerdial.overlay.identity.NodeId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain Kademlia storage for unsigned values: a set of values per key, each kept for a fixed
 * time-to-live after its last STORE, with limits per key and per node. It accepts anything, so it
 * is for tests, the simulator and nodes that serve no bindings; the signed-binding policy of
 * {@code dht-location} is what real nodes run.
 */
public final class InMemoryStoragePolicy implements StoragePolicy {

    private final long ttlMs;
    private final int maxValuesPerKey;
    private final long maxTotalBytes;
    /**
     * Values by key; null while nothing has been stored (most simulated nodes hold nothing). The
     * iteration order of {@link #keys()} is behaviour (handoffs go out in it), so an emptied map is
     * dropped only if it never held more than {@value #DROPPABLE_PEAK} keys: such a map kept its
     * first table (no resize below 13 keys, no bucket long enough to become a tree), so a fresh one iterates alike.
     */
    private Map<NodeId, LinkedHashMap<ByteBuffer, Long>> byKey;
    private static final int DROPPABLE_PEAK = 7;
    private int peakKeys;
    private long totalBytes;
    private int count;

    public InMemoryStoragePolicy() {
        this(3_600_000, 64, 16L << 20);
    }

    public InMemoryStoragePolicy(long ttlMs, int maxValuesPerKey, long maxTotalBytes) {
        if (ttlMs <= 0 || maxValuesPerKey < 1 || maxTotalBytes < 1) {
            throw new IllegalArgumentException("ttl, values per key and total bytes must be positive");
        }
        this.ttlMs = ttlMs;
        this.maxValuesPerKey = maxValuesPerKey;
        this.maxTotalBytes = maxTotalBytes;
    }

    @Override
    public StoreOutcome store(long now, NodeId key, byte[] value) {
        if (byKey == null) byKey = new HashMap<>();
        LinkedHashMap<ByteBuffer, Long> values = byKey.computeIfAbsent(key, k -> new LinkedHashMap<>());
        peakKeys = Math.max(peakKeys, byKey.size());
        ByteBuffer v = ByteBuffer.wrap(value.clone());
        if (values.containsKey(v)) {
            values.put(v, now + ttlMs);
            return StoreOutcome.STORED;
        }
        if (values.size() >= maxValuesPerKey) {
            if (values.isEmpty()) removeKey(key);
            return StoreOutcome.refused(StoreStatus.KEY_FULL, "key holds " + maxValuesPerKey + " values already");
        }
        if (totalBytes + value.length > maxTotalBytes) {
            if (values.isEmpty()) removeKey(key);
            return StoreOutcome.refused(StoreStatus.STORAGE_FULL, "node storage full (" + maxTotalBytes + " bytes)");
        }
        values.put(v, now + ttlMs);
        totalBytes += value.length;
        count++;
        return StoreOutcome.STORED;
    }

    @Override
    public List<byte[]> get(long now, NodeId key) {
        LinkedHashMap<ByteBuffer, Long> values = byKey == null ? null : byKey.get(key);
        if (values == null) return List.of();
        List<byte[]> out = new ArrayList<>(values.size());
        for (Map.Entry<ByteBuffer, Long> e : values.entrySet()) {
            if (e.getValue() > now) out.add(e.getKey().array().clone());
        }
        return out;
    }

    @Override
    public Collection<NodeId> keys() {
        return byKey == null ? List.of() : List.copyOf(byKey.keySet());
    }

    @Override
    public void expire(long now) {
        if (byKey == null) return;
        for (Iterator<LinkedHashMap<ByteBuffer, Long>> keys = byKey.values().iterator(); keys.hasNext(); ) {
            LinkedHashMap<ByteBuffer, Long> values = keys.next();
            for (Iterator<Map.Entry<ByteBuffer, Long>> it = values.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<ByteBuffer, Long> e = it.next();
                if (e.getValue() <= now) {
                    totalBytes -= e.getKey().capacity();
                    count--;
                    it.remove();
                }
            }
            if (values.isEmpty()) keys.remove();
        }
        dropIfEmpty();
    }

    private void removeKey(NodeId key) {
        byKey.remove(key);
        dropIfEmpty();
    }

    private void dropIfEmpty() {
        if (byKey.isEmpty() && peakKeys <= DROPPABLE_PEAK) {
            byKey = null;
            peakKeys = 0;
        }
    }

    @Override
    public int valueCount() {
        return count;
    }
}
