package io.peerdial.overlay.routing;

import java.util.Arrays;

/**
 * How many table entries each subnet key has, as sorted multisets: one value per entry in
 * ascending order, so a count is a binary search plus a short run, without a boxed {@code Long} or
 * a hash slot per key. IPv4 keys, whose {@link SubnetKey#compact compact} form is exact, take an
 * {@code int} each; other keys (IPv6 /64) keep their full {@code long}. It is small (4 bytes per
 * IPv4 entry; a hash map at a safe load factor took eight times that, and the simulator holds 10^5
 * tables) and changes only when an entry joins or leaves the table, which is rare next to the
 * lookups of {@link RoutingTable#offer}; so the arrays grow in steps of an eighth (a table holds
 * ~200 entries for good, and growing by half could leave a third of the array unused).
 */
final class SubnetCounts {

    private static final long[] NO_LONGS = {};

    private int[] exact = new int[8];
    private int exactSize;
    private long[] others = NO_LONGS;
    private int othersSize;

    int get(long subnet) {
        int key = SubnetKey.compact(subnet);
        if (SubnetKey.isExact(key)) {
            int from = lowerBound(exact, exactSize, key);
            int to = from;
            while (to < exactSize && exact[to] == key) to++;
            return to - from;
        }
        int from = lowerBound(others, othersSize, subnet);
        int to = from;
        while (to < othersSize && others[to] == subnet) to++;
        return to - from;
    }

    void increment(long subnet) {
        if (subnet == RoutingEntry.NO_SUBNET) return;
        int key = SubnetKey.compact(subnet);
        if (SubnetKey.isExact(key)) {
            if (exactSize == exact.length) exact = Arrays.copyOf(exact, exactSize + Math.max(8, exactSize >> 3));
            int at = lowerBound(exact, exactSize, key);
            System.arraycopy(exact, at, exact, at + 1, exactSize - at);
            exact[at] = key;
            exactSize++;
        } else {
            if (othersSize == others.length) others = Arrays.copyOf(others, othersSize + Math.max(8, othersSize >> 3));
            int at = lowerBound(others, othersSize, subnet);
            System.arraycopy(others, at, others, at + 1, othersSize - at);
            others[at] = subnet;
            othersSize++;
        }
    }

    void decrement(long subnet) {
        if (subnet == RoutingEntry.NO_SUBNET) return;
        int key = SubnetKey.compact(subnet);
        if (SubnetKey.isExact(key)) {
            int at = lowerBound(exact, exactSize, key);
            if (at == exactSize || exact[at] != key) return;
            System.arraycopy(exact, at + 1, exact, at, exactSize - at - 1);
            exactSize--;
        } else {
            int at = lowerBound(others, othersSize, subnet);
            if (at == othersSize || others[at] != subnet) return;
            System.arraycopy(others, at + 1, others, at, othersSize - at - 1);
            othersSize--;
        }
    }

    /** First index whose key is not below {@code key} (signed order: any total order will do). */
    private static int lowerBound(int[] sorted, int size, int key) {
        int lo = 0, hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static int lowerBound(long[] sorted, int size, long key) {
        int lo = 0, hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
