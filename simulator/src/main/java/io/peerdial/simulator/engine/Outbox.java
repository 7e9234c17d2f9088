package io.peerdial.simulator.engine;

import java.util.Arrays;

/**
 * The datagrams one thread's partitions posted for other partitions (see {@link Partition}), by
 * destination partition, in two sets that alternate by window: while the thread writes one set, the
 * destinations move the other, filled in the window before, into their queues. One outbox per
 * thread rather than per partition: a partition starting its window reads as many outboxes as
 * there are threads, however finely the nodes are split.
 *
 * <p>Concurrency: in a window only the owning thread writes the current set, and each destination's
 * share of the other set is read and emptied by whoever runs that destination; the executor's
 * window hand-over publishes both.
 */
final class Outbox {

    private static final int STRIDE = 3; // time, key, tag

    private final long[][][] keys; // [set][destination]
    private final Object[][][] payloads;
    private final int[][] size;
    private final long[][] earliest;

    Outbox(int partitions) {
        keys = new long[2][partitions][STRIDE * 16];
        payloads = new Object[2][partitions][16];
        size = new int[2][partitions];
        earliest = new long[2][partitions];
        for (long[] e : earliest) Arrays.fill(e, Long.MAX_VALUE);
    }

    void post(int set, int dest, long at, long key, long tg, Object payload) {
        int n = size[set][dest];
        if (n == payloads[set][dest].length) {
            keys[set][dest] = Arrays.copyOf(keys[set][dest], 2 * STRIDE * n);
            payloads[set][dest] = Arrays.copyOf(payloads[set][dest], 2 * n);
        }
        long[] k = keys[set][dest];
        k[STRIDE * n] = at;
        k[STRIDE * n + 1] = key;
        k[STRIDE * n + 2] = tg;
        payloads[set][dest][n] = payload;
        size[set][dest] = n + 1;
        if (at < earliest[set][dest]) earliest[set][dest] = at;
    }

    /** Moves what set {@code set} holds for {@code dest} into its queue. */
    void moveTo(int set, int dest, CalendarQueue queue) {
        int n = size[set][dest];
        if (n == 0) return;
        long[] k = keys[set][dest];
        Object[] p = payloads[set][dest];
        for (int i = 0; i < n; i++) {
            queue.add(k[STRIDE * i], k[STRIDE * i + 1], k[STRIDE * i + 2], p[i]);
            p[i] = null;
        }
        size[set][dest] = 0;
        earliest[set][dest] = Long.MAX_VALUE;
    }

    /** The earliest delivery time set {@code set} holds for {@code dest}, or {@code Long.MAX_VALUE}. */
    long earliest(int set, int dest) {
        return earliest[set][dest];
    }
}
