package io.peerdial.simulator.engine;

import java.util.Arrays;

/**
 * The simulator's one event queue: a binary min-heap over parallel primitive arrays, ordered by
 * (time, insertion sequence). No object per event except the optional payload (a datagram's
 * bytes), so 10^6 queued events cost about 32 bytes each and the garbage collector sees almost
 * nothing. Ties at one instant run in the order they were scheduled, which keeps runs replayable.
 *
 * <p>Each entry carries a {@code long} tag (the engine packs event kind and node indexes into it)
 * and an {@code Object} payload.
 */
public final class EventHeap {

    private long[] time;
    private long[] seq;
    private long[] tag;
    private Object[] payload;
    private int size;
    private long nextSeq;

    public EventHeap(int initialCapacity) {
        int c = Math.max(16, initialCapacity);
        time = new long[c];
        seq = new long[c];
        tag = new long[c];
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
        return time[0];
    }

    public long peekTag() {
        return tag[0];
    }

    public Object peekPayload() {
        return payload[0];
    }

    public void add(long t, long tg, Object p) {
        if (size == time.length) grow();
        long s = nextSeq++;
        int i = size++;
        // sift up with a hole: move parents down until the new entry fits
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long pt = time[parent];
            if (pt < t || (pt == t && seq[parent] < s)) break;
            move(parent, i);
            i = parent;
        }
        time[i] = t;
        seq[i] = s;
        tag[i] = tg;
        payload[i] = p;
    }

    /** Removes the earliest entry (read it first with the peek methods). */
    public void removeFirst() {
        int last = --size;
        if (last == 0) {
            payload[0] = null;
            return;
        }
        long t = time[last];
        long s = seq[last];
        long tg = tag[last];
        Object p = payload[last];
        payload[last] = null;
        int i = 0;
        int half = last >>> 1;
        while (i < half) {
            int c = 2 * i + 1;
            int r = c + 1;
            if (r < last && (time[r] < time[c] || (time[r] == time[c] && seq[r] < seq[c]))) c = r;
            if (t < time[c] || (t == time[c] && s < seq[c])) break;
            move(c, i);
            i = c;
        }
        time[i] = t;
        seq[i] = s;
        tag[i] = tg;
        payload[i] = p;
    }

    private void move(int from, int to) {
        time[to] = time[from];
        seq[to] = seq[from];
        tag[to] = tag[from];
        payload[to] = payload[from];
    }

    private void grow() {
        int c = time.length * 2;
        time = Arrays.copyOf(time, c);
        seq = Arrays.copyOf(seq, c);
        tag = Arrays.copyOf(tag, c);
        payload = Arrays.copyOf(payload, c);
    }
}
