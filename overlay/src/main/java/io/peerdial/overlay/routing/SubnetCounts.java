package io.peerdial.overlay.routing;

import java.util.Arrays;

/**
 * How many table entries each subnet key has: a small open-addressing map of primitive longs to
 * ints (linear probing, backward-shift deletion), so the per-table eclipse limit is one probe
 * instead of a scan of the table, without a boxed {@code Long} per entry.
 */
final class SubnetCounts {

    private static final long EMPTY = RoutingEntry.NO_SUBNET;
    private long[] keys = newKeys(16);
    private int[] counts = new int[16];
    private int used;

    private static long[] newKeys(int n) {
        long[] k = new long[n];
        Arrays.fill(k, EMPTY);
        return k;
    }

    int get(long subnet) {
        int i = slot(subnet, keys.length);
        while (keys[i] != EMPTY) {
            if (keys[i] == subnet) return counts[i];
            i = (i + 1) & (keys.length - 1);
        }
        return 0;
    }

    void increment(long subnet) {
        if (subnet == EMPTY) return;
        if ((used + 1) * 2 > keys.length) rehash(keys.length * 2);
        int i = slot(subnet, keys.length);
        while (keys[i] != EMPTY && keys[i] != subnet) i = (i + 1) & (keys.length - 1);
        if (keys[i] == EMPTY) {
            keys[i] = subnet;
            used++;
        }
        counts[i]++;
    }

    void decrement(long subnet) {
        if (subnet == EMPTY) return;
        int mask = keys.length - 1;
        int i = slot(subnet, keys.length);
        while (keys[i] != subnet) {
            if (keys[i] == EMPTY) return;
            i = (i + 1) & mask;
        }
        if (--counts[i] > 0) return;
        // backward-shift deletion: pull later entries of the probe run into the hole
        used--;
        int hole = i;
        for (int j = (hole + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
            int home = slot(keys[j], keys.length);
            boolean between = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!between) {
                keys[hole] = keys[j];
                counts[hole] = counts[j];
                hole = j;
            }
        }
        keys[hole] = EMPTY;
        counts[hole] = 0;
    }

    private void rehash(int n) {
        long[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = newKeys(n);
        counts = new int[n];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] == EMPTY) continue;
            int j = slot(oldKeys[i], n);
            while (keys[j] != EMPTY) j = (j + 1) & (n - 1);
            keys[j] = oldKeys[i];
            counts[j] = oldCounts[i];
        }
    }

    private static int slot(long key, int n) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & (n - 1);
    }
}
