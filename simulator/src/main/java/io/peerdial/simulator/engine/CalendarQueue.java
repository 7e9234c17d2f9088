package io.peerdial.simulator.engine;

import java.util.Arrays;

/**
 * A partition's event queue: a calendar queue (Brown, CACM 1988) of one-millisecond slots, for
 * event times in whole milliseconds, with the same order as an {@link EventHeap} with caller keys —
 * (time, key), smallest first — so swapping one for the other changes no run.
 *
 * <p>Theory of operation. Times up to {@link #loaded} are <em>due</em>: those entries sit in a small
 * binary heap ordered by (time, key). The next {@link #SLOTS} milliseconds after it are a ring of
 * slots, one per millisecond, each an unsorted array: adding there is an append. Anything later
 * waits in an overflow heap ({@link #far}: mostly the nodes' minute-long maintenance timers). When
 * the due heap runs empty the queue <em>loads</em> the next instant — the first occupied slot (a
 * bitmap finds it) or the overflow's head, whichever is earlier — moving that instant's entries
 * into the due heap. Why it is cheaper than one big heap: at 10^5 nodes a partition holds ~2 × 10^5
 * entries, and every pop of a binary heap walks ~18 levels of a multi-megabyte array; here a pop
 * walks a heap of one millisecond's entries (tens, in the L1 cache), and an add touches the tail
 * of one of the next few hundred slots.
 *
 * <p>Why each slot holds one instant: an entry goes to a slot only if its time is in
 * {@code (loaded, loaded + SLOTS]}; {@code loaded} only grows and never past an entry still in a
 * slot, so all entries of a slot are within one window of {@code SLOTS} consecutive milliseconds
 * and share their time modulo {@code SLOTS}: they share their time. An add at or before
 * {@code loaded} (a delivery posted between windows for an instant this queue already loaded) goes
 * straight into the due heap, which orders it correctly.
 */
final class CalendarQueue {

    static final int SLOTS = 4096;
    private static final int MASK = SLOTS - 1;
    private static final int WORDS = SLOTS / 64;
    private static final int KEY = 0, TAG = 1, STRIDE = 2;

    private final long[][] slotKeys = new long[SLOTS][];
    private final Object[][] slotPayloads = new Object[SLOTS][];
    private final int[] slotSize = new int[SLOTS];
    /** Bit i set: slot i holds entries. */
    private final long[] occupied = new long[WORDS];
    private final EventHeap due = new EventHeap(64);
    private final EventHeap far;
    /** Every entry at or before this instant is in {@link #due}; slots hold the {@code SLOTS} ms after it. */
    private long loaded = -1;
    private int size;

    CalendarQueue(int initialCapacity) {
        far = new EventHeap(Math.max(64, initialCapacity / 4));
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Adds an entry at {@code t} (≥ 0 ms) whose place among entries of the same time is {@code key} (smaller first). */
    void add(long t, long key, long tg, Object payload) {
        if (t < 0) throw new IllegalArgumentException("negative event time " + t);
        size++;
        if (t <= loaded) {
            due.add(t, key, tg, payload);
        } else if (t - loaded <= SLOTS) {
            append((int) (t & MASK), key, tg, payload);
        } else {
            far.add(t, key, tg, payload);
        }
    }

    /**
     * Time of the earliest entry; only valid when not empty. Loads nothing: the engine asks every
     * partition's queue between windows on its own thread, and the partition's thread should be the
     * one that moves the next instant's entries (and so has them in its cache).
     */
    long peekTime() {
        if (!due.isEmpty()) return due.peekTime();
        long inSlots = nextOccupiedInstant();
        return far.isEmpty() ? inSlots : Math.min(inSlots, far.peekTime());
    }

    long peekTag() {
        if (due.isEmpty()) loadNextInstant();
        return due.peekTag();
    }

    Object peekPayload() {
        if (due.isEmpty()) loadNextInstant();
        return due.peekPayload();
    }

    /** Removes the earliest entry (read it first with the peek methods). */
    void removeFirst() {
        if (due.isEmpty()) loadNextInstant();
        due.removeFirst();
        size--;
    }

    private void append(int slot, long key, long tg, Object payload) {
        long[] keys = slotKeys[slot];
        int n = slotSize[slot];
        if (keys == null) {
            keys = slotKeys[slot] = new long[STRIDE * 8];
            slotPayloads[slot] = new Object[8];
        } else if (n == slotPayloads[slot].length) {
            keys = slotKeys[slot] = Arrays.copyOf(keys, STRIDE * 2 * n);
            slotPayloads[slot] = Arrays.copyOf(slotPayloads[slot], 2 * n);
        }
        keys[STRIDE * n + KEY] = key;
        keys[STRIDE * n + TAG] = tg;
        slotPayloads[slot][n] = payload;
        slotSize[slot] = n + 1;
        occupied[slot >>> 6] |= 1L << slot;
    }

    /** Moves the next instant's entries (slot and overflow) into the due heap; the queue is not empty. */
    private void loadNextInstant() {
        long inSlots = nextOccupiedInstant();
        long inFar = far.isEmpty() ? Long.MAX_VALUE : far.peekTime();
        long t = Math.min(inSlots, inFar);
        if (t == Long.MAX_VALUE) throw new IllegalStateException("the queue is empty");
        if (inSlots == t) {
            int slot = (int) (t & MASK);
            long[] keys = slotKeys[slot];
            Object[] payloads = slotPayloads[slot];
            for (int i = 0, n = slotSize[slot]; i < n; i++) {
                due.add(t, keys[STRIDE * i + KEY], keys[STRIDE * i + TAG], payloads[i]);
                payloads[i] = null;
            }
            slotSize[slot] = 0;
            occupied[slot >>> 6] &= ~(1L << slot);
        }
        while (!far.isEmpty() && far.peekTime() == t) {
            due.add(t, far.peekSequence(), far.peekTag(), far.peekPayload());
            far.removeFirst();
        }
        loaded = t;
    }

    /** The instant of the first occupied slot after {@link #loaded}, or {@code Long.MAX_VALUE}. */
    private long nextOccupiedInstant() {
        int start = (int) ((loaded + 1) & MASK);
        int w = start >>> 6;
        long bits = occupied[w] & (-1L << start);
        for (int i = 0; i <= WORDS; i++) { // one more word than the ring: the first word's low bits come last
            if (bits != 0) {
                int slot = (w << 6) | Long.numberOfTrailingZeros(bits);
                return loaded + 1 + ((slot - start) & MASK);
            }
            w = (w + 1) & (WORDS - 1);
            bits = occupied[w];
        }
        return Long.MAX_VALUE;
    }
}
