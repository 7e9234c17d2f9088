package io.peerdial.overlay.routing;

import java.util.Arrays;

/**
 * How many table entries each subnet key has, as a sorted multiset: one {@code long} per entry in
 * ascending order, so a count is a binary search plus a short run, without a boxed {@code Long} or
 * a hash slot per key. It is small (8 bytes per table entry; a hash map at a safe load factor took
 * four times that, and the simulator holds 10^5 tables) and changes only when an entry joins or
 * leaves the table, which is rare next to the lookups of {@link RoutingTable#offer}.
 */
final class SubnetCounts {

    private long[] sorted = new long[8];
    private int size;

    int get(long subnet) {
        int from = lowerBound(subnet);
        int to = from;
        while (to < size && sorted[to] == subnet) to++;
        return to - from;
    }

    void increment(long subnet) {
        if (subnet == RoutingEntry.NO_SUBNET) return;
        if (size == sorted.length) sorted = Arrays.copyOf(sorted, size + Math.max(8, size >> 1));
        int at = lowerBound(subnet);
        System.arraycopy(sorted, at, sorted, at + 1, size - at);
        sorted[at] = subnet;
        size++;
    }

    void decrement(long subnet) {
        if (subnet == RoutingEntry.NO_SUBNET) return;
        int at = lowerBound(subnet);
        if (at == size || sorted[at] != subnet) return;
        System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
        size--;
    }

    /** First index whose key is not below {@code subnet} (signed order: any total order will do). */
    private int lowerBound(long subnet) {
        int lo = 0, hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < subnet) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
