package io.peerdial.simulator.engine;

import java.util.Arrays;

/**
 * An event queue of the simulator: a binary min-heap over primitive arrays, ordered by (time,
 * sequence). No object per event except the optional payload (a datagram's bytes), so 10^6 queued
 * events cost about 32 bytes each and the garbage collector sees almost nothing. The sequence is
 * the insertion order, or a key the caller gives (the overlay engine's partitions: see
 * {@code Partition}); ties at one instant run in sequence order, which keeps runs replayable:
 * (time, sequence) is a total order, so the pop order does not depend on the heap's layout.
 *
 * <p>Each entry carries a {@code long} tag (the engine packs event kind and node indexes into it)
 * and an {@code Object} payload. Time, sequence and tag of entry i sit side by side in one array
 * ({@code keys[3i..3i+2]}): with 10^5 nodes the heap holds ~4 × 10^5 entries, far beyond the
 * caches, and a sift step then reads one cache line for an entry (two siblings are adjacent)
 * instead of one line in each of three arrays.
 */
public final class EventHeap {

    private static final int TIME = 0, SEQ = 1, TAG = 2, STRIDE = 3;

    private long[] keys;
    private Object[] payload;
    private int size;
    private long nextSeq;

    public EventHeap(int initialCapacity) {
        int c = Math.max(16, initialCapacity);
        keys = new long[STRIDE * c];
        payload = new Object[c];
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Time of the earliest entry; only valid when not empty. */
    public long peekTime() {
        return keys[TIME];
    }

    /** Sequence (or caller's key) of the earliest entry; only valid when not empty. */
    public long peekSequence() {
        return keys[SEQ];
    }

    public long peekTag() {
        return keys[TAG];
    }

    public Object peekPayload() {
        return payload[0];
    }

    /** Adds an entry that runs after the entries of earlier times and of the same time scheduled before it. */
    public void add(long t, long tg, Object p) {
        add(t, nextSeq++, tg, p);
    }

    /**
     * Adds an entry whose place among entries of the same time is {@code key} (smaller first) instead
     * of the order of scheduling. Keys of entries that can share a time must differ; the caller's keys
     * must not be mixed with the scheduling order of {@link #add(long, long, Object)} in one heap.
     */
    public void add(long t, long key, long tg, Object p) {
        if (size == payload.length) grow();
        long s = key;
        int i = size++;
        // sift up with a hole: move parents down until the new entry fits
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long pt = keys[STRIDE * parent + TIME];
            if (pt < t || (pt == t && keys[STRIDE * parent + SEQ] < s)) break;
            move(parent, i);
            i = parent;
        }
        put(i, t, s, tg, p);
    }

    /** Removes the earliest entry (read it first with the peek methods). */
    public void removeFirst() {
        int last = --size;
        if (last == 0) {
            payload[0] = null;
            return;
        }
        int l = STRIDE * last;
        long t = keys[l + TIME];
        long s = keys[l + SEQ];
        long tg = keys[l + TAG];
        Object p = payload[last];
        payload[last] = null;
        int i = 0;
        int half = last >>> 1;
        while (i < half) {
            int c = 2 * i + 1;
            int r = c + 1;
            if (r < last && before(r, c)) c = r;
            long ct = keys[STRIDE * c + TIME];
            if (t < ct || (t == ct && s < keys[STRIDE * c + SEQ])) break;
            move(c, i);
            i = c;
        }
        put(i, t, s, tg, p);
    }

    private boolean before(int a, int b) {
        long ta = keys[STRIDE * a + TIME], tb = keys[STRIDE * b + TIME];
        return ta < tb || (ta == tb && keys[STRIDE * a + SEQ] < keys[STRIDE * b + SEQ]);
    }

    private void put(int i, long t, long s, long tg, Object p) {
        int k = STRIDE * i;
        keys[k + TIME] = t;
        keys[k + SEQ] = s;
        keys[k + TAG] = tg;
        payload[i] = p;
    }

    private void move(int from, int to) {
        System.arraycopy(keys, STRIDE * from, keys, STRIDE * to, STRIDE);
        payload[to] = payload[from];
    }

    private void grow() {
        int c = payload.length * 2;
        keys = Arrays.copyOf(keys, STRIDE * c);
        payload = Arrays.copyOf(payload, c);
    }
}
