package io.peerdial.overlay.kademlia;

/**
 * A map from non-zero {@code long} keys to objects: open addressing with linear probing and
 * backward-shift deletion. It replaces {@code HashMap<Long, V>} on the per-datagram path (pending
 * requests by transaction id): no boxed key, no entry object, one array pair per node — which
 * matters when the simulator holds 10^5 nodes. Key 0 is reserved (empty slot); transaction ids are
 * never 0. Iteration order is never exposed. Not thread-safe.
 *
 * <p>An empty map holds no arrays (a node is idle most of the time: its requests are answered and
 * done), and a map that drains after a burst shrinks on the way down, so an idle node pays for none.
 */
class LongMap<V> { // not final: RpcTracker is one (see there)

    private static final int MIN_CAPACITY = 8;
    private static final long[] NO_KEYS = {};
    private static final Object[] NO_VALUES = {};

    private long[] keys = NO_KEYS;
    private Object[] values = NO_VALUES;
    private int size;

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        if (key == 0 || size == 0) return null;
        int mask = keys.length - 1;
        for (int i = slot(key, mask); keys[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == key) return (V) values[i];
        }
        return null;
    }

    boolean containsKey(long key) {
        return get(key) != null;
    }

    /** Maps {@code key} (not 0) to {@code value} (not null), replacing any previous value. */
    void put(long key, V value) {
        if (key == 0 || value == null) throw new IllegalArgumentException("key 0 and null values are not allowed");
        if ((size + 1) * 4 > keys.length * 3) rehash(Math.max(MIN_CAPACITY, keys.length * 2)); // load factor 3/4
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != 0 && keys[i] != key) i = (i + 1) & mask;
        if (keys[i] == 0) {
            keys[i] = key;
            size++;
        }
        values[i] = value;
    }

    /** Removes {@code key}; returns its value or null. */
    @SuppressWarnings("unchecked")
    V remove(long key) {
        if (key == 0 || size == 0) return null;
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != key) {
            if (keys[i] == 0) return null;
            i = (i + 1) & mask;
        }
        V old = (V) values[i];
        size--;
        int hole = i;
        for (int j = (hole + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            int home = slot(keys[j], mask);
            boolean between = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!between) { // the entry at j may move back into the hole without leaving its probe run
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = 0;
        values[hole] = null;
        if (size == 0) { // idle: give the memory back
            keys = NO_KEYS;
            values = NO_VALUES;
        } else if (keys.length > MIN_CAPACITY && size * 8 < keys.length) { // a burst is draining
            rehash(keys.length / 2);
        }
        return old;
    }

    private void rehash(int n) {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[n];
        values = new Object[n];
        int mask = n - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] == 0) continue;
            int j = slot(oldKeys[i], mask);
            while (keys[j] != 0) j = (j + 1) & mask;
            keys[j] = oldKeys[i];
            values[j] = oldValues[i];
        }
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L; // Fibonacci hashing: random and sequential ids spread alike
        return (int) (h >>> 32) & mask;
    }
}
