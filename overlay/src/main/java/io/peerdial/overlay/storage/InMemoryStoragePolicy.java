package io.peerdial.overlay.storage;

import io.peerdial.overlay.identity.NodeId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Plain Kademlia storage for unsigned values: a set of values per key, each kept for a fixed
 * time-to-live after its last STORE, with limits per key and per node. It accepts anything, so it
 * is for tests, the simulator and nodes that serve no bindings; the signed-binding policy of
 * {@code dht-location} is what real nodes run.
 */
public final class InMemoryStoragePolicy implements StoragePolicy {

    private static final int DROPPABLE_PEAK = 7;

    private final long ttlMs;
    private final int maxValuesPerKey;
    private final long maxTotalBytes;
    /**
     * Values by key; null while nothing has been stored (most simulated nodes hold nothing). The
     * iteration order of {@link #keys()} is behaviour (handoffs go out in it), so an emptied map is
     * dropped only if it never held more than {@value #DROPPABLE_PEAK} keys: such a map kept its
     * first table (no resize below 13 keys, no bucket long enough to become a tree), so a fresh one
     * iterates alike.
     */
    private Map<NodeId, Values> byKey;
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
        Values values = byKey.computeIfAbsent(key, k -> new Values());
        peakKeys = Math.max(peakKeys, byKey.size());
        int at = values.indexOf(value);
        if (at >= 0) {
            values.until[at] = now + ttlMs; // a re-STORE refreshes the value, it keeps its place
            return StoreOutcome.STORED;
        }
        if (values.size >= maxValuesPerKey) {
            if (values.size == 0) removeKey(key);
            return StoreOutcome.refused(StoreStatus.KEY_FULL, "key holds " + maxValuesPerKey + " values already");
        }
        if (totalBytes + value.length > maxTotalBytes) {
            if (values.size == 0) removeKey(key);
            return StoreOutcome.refused(StoreStatus.STORAGE_FULL, "node storage full (" + maxTotalBytes + " bytes)");
        }
        values.add(value.clone(), now + ttlMs);
        totalBytes += value.length;
        count++;
        return StoreOutcome.STORED;
    }

    @Override
    public List<byte[]> get(long now, NodeId key) {
        Values values = byKey == null ? null : byKey.get(key);
        if (values == null) return List.of();
        List<byte[]> out = new ArrayList<>(values.size);
        for (int i = 0; i < values.size; i++) {
            if (values.until[i] > now) out.add(values.data[i].clone());
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
        for (Iterator<Values> keys = byKey.values().iterator(); keys.hasNext(); ) {
            Values values = keys.next();
            int kept = 0;
            for (int i = 0; i < values.size; i++) {
                if (values.until[i] <= now) {
                    totalBytes -= values.data[i].length;
                    count--;
                } else {
                    values.data[kept] = values.data[i];
                    values.until[kept++] = values.until[i];
                }
            }
            values.truncate(kept);
            if (kept == 0) keys.remove();
        }
        dropIfEmpty();
    }

    @Override
    public int valueCount() {
        return count;
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

    /**
     * One key's values in the order they were first stored, with their expiry times: two arrays
     * instead of a LinkedHashMap of ByteBuffer to Long (an entry, a buffer and a boxed Long per
     * value). A key holds a few values, so finding one is a linear scan.
     */
    private static final class Values {
        private byte[][] data = new byte[1][];
        private long[] until = new long[1];
        private int size;

        int indexOf(byte[] value) {
            for (int i = 0; i < size; i++) if (Arrays.equals(data[i], value)) return i;
            return -1;
        }

        void add(byte[] value, long expiresAt) {
            if (size == data.length) {
                data = Arrays.copyOf(data, 2 * size);
                until = Arrays.copyOf(until, 2 * size);
            }
            data[size] = value;
            until[size++] = expiresAt;
        }

        void truncate(int n) {
            Arrays.fill(data, n, size, null);
            size = n;
        }
    }
}
