package io.peerdial.overlay.routing;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.wire.Contact;
import java.util.Arrays;

/**
 * One k-bucket of {@link RoutingTable}: its entries, least recently seen first, as parallel arrays
 * with no object per entry — the Contact (shared, immutable), the first 32 bits of its NodeId, its
 * subnet key, when it was last heard from, how many requests in a row it missed, and its
 * round-trip estimate (RFC 6298 §2: SRTT and RTTVAR; NaN until the first sample).
 *
 * <p>Why arrays: the simulator holds 10^5 tables of ~150 entries, and a per-entry object cost
 * ~44 bytes (the object and its list slot) on top of what the arrays hold. Scans (find an ID, rank
 * by distance, count a subnet) read the contiguous arrays and follow a Contact to its NodeId only
 * when the 32-bit prefixes are equal: following every entry to its Contact and NodeId, each a
 * cache miss, was most of the cost of answering FIND_NODE.
 */
final class Bucket {

    int size;
    Contact[] contacts = new Contact[4];
    int[] highs = new int[4];
    long[] subnets = new long[4];
    long[] lastSeen = new long[4];
    byte[] failures = new byte[4];
    float[] srtt = new float[4];
    float[] rttvar = new float[4];
    /**
     * The replacement cache: contacts heard while the bucket was full and when, oldest first,
     * freshest last, as parallel arrays like the entries (no object per cached contact); null until
     * the bucket is first full.
     */
    int cachedSize;
    Contact[] cached;
    long[] cachedAt;

    /** Slot of {@code id}, or -1. */
    int indexOf(NodeId id) {
        int high = RoutingEntry.high32(id);
        for (int i = 0; i < size; i++) {
            if (highs[i] != high) continue; // the prefix decides almost always
            NodeId other = contacts[i].id();
            if (other == id || other.equals(id)) return i;
        }
        return -1;
    }

    /** Appends a fresh entry (tail: most recently seen), growing the arrays towards k. */
    void add(Contact c, long seen, long subnet, int k) {
        int n = size;
        if (n == highs.length) grow(Math.max(n + 1, Math.min(k, n + Math.max(4, n >> 1))));
        contacts[n] = c;
        highs[n] = RoutingEntry.high32(c.id());
        subnets[n] = subnet;
        lastSeen[n] = seen;
        failures[n] = 0;
        srtt[n] = Float.NaN;
        rttvar[n] = 0;
        size = n + 1;
    }

    private void grow(int capacity) {
        contacts = Arrays.copyOf(contacts, capacity);
        highs = Arrays.copyOf(highs, capacity);
        subnets = Arrays.copyOf(subnets, capacity);
        lastSeen = Arrays.copyOf(lastSeen, capacity);
        failures = Arrays.copyOf(failures, capacity);
        srtt = Arrays.copyOf(srtt, capacity);
        rttvar = Arrays.copyOf(rttvar, capacity);
    }

    void removeAt(int i) {
        int after = size - i - 1;
        System.arraycopy(contacts, i + 1, contacts, i, after);
        System.arraycopy(highs, i + 1, highs, i, after);
        System.arraycopy(subnets, i + 1, subnets, i, after);
        System.arraycopy(lastSeen, i + 1, lastSeen, i, after);
        System.arraycopy(failures, i + 1, failures, i, after);
        System.arraycopy(srtt, i + 1, srtt, i, after);
        System.arraycopy(rttvar, i + 1, rttvar, i, after);
        contacts[--size] = null;
    }

    /** Heard from slot {@code i}: seen now, no failures, moved to the tail. */
    void seen(int i, long now) {
        lastSeen[i] = now;
        failures[i] = 0;
        int last = size - 1;
        if (i == last) return;
        Contact c = contacts[i];
        int h = highs[i];
        long s = subnets[i];
        long seen = lastSeen[i];
        byte f = failures[i];
        float rt = srtt[i];
        float rv = rttvar[i];
        removeAt(i); // size is now last: the tail slot is free
        contacts[last] = c;
        highs[last] = h;
        subnets[last] = s;
        lastSeen[last] = seen;
        failures[last] = f;
        srtt[last] = rt;
        rttvar[last] = rv;
        size = last + 1;
    }

    void failed(int i) {
        if (failures[i] < Byte.MAX_VALUE) failures[i]++;
    }

    /** RFC 6298 §2.2 for the first sample, §2.3 (α = 1/8, β = 1/4) after it. */
    void sampleRtt(int i, long rttMs) {
        if (Float.isNaN(srtt[i])) {
            srtt[i] = rttMs;
            rttvar[i] = rttMs / 2f;
        } else {
            rttvar[i] = 0.75f * rttvar[i] + 0.25f * Math.abs(srtt[i] - rttMs);
            srtt[i] = 0.875f * srtt[i] + 0.125f * rttMs;
        }
    }

    RoutingEntry snapshot(int i) {
        return new RoutingEntry(contacts[i], lastSeen[i], failures[i], srtt[i], rttvar[i]);
    }

    /**
     * Puts {@code c} in the replacement cache as its freshest contact (dropping an older copy of its
     * NodeId), keeping at most {@code max}: the oldest goes first.
     */
    void cache(Contact c, long now, int max) {
        if (cached == null) {
            cached = new Contact[4];
            cachedAt = new long[4];
        }
        NodeId id = c.id();
        for (int i = 0; i < cachedSize; i++) {
            if (cached[i].id().equals(id)) {
                removeCached(i);
                break; // at most one copy per NodeId
            }
        }
        int n = cachedSize;
        if (n == cached.length) {
            int capacity = Math.max(n + 1, Math.min(max, n + Math.max(4, n >> 1)));
            cached = Arrays.copyOf(cached, capacity);
            cachedAt = Arrays.copyOf(cachedAt, capacity);
        }
        cached[n] = c;
        cachedAt[n] = now;
        cachedSize = n + 1;
        while (cachedSize > max) removeCached(0);
    }

    void removeCached(int i) {
        int after = cachedSize - i - 1;
        System.arraycopy(cached, i + 1, cached, i, after);
        System.arraycopy(cachedAt, i + 1, cachedAt, i, after);
        cached[--cachedSize] = null;
    }

    /**
     * Cache slot of the freshest cached contact that may take the place of slot {@code leaving} (not
     * already in the table, and within the subnet limits once {@code leaving} has gone), or -1.
     */
    int replacementFor(RoutingTable table, int leaving) {
        for (int r = cachedSize - 1; r >= 0; r--) {
            Contact c = cached[r];
            if (table.has(c.id())) continue;
            long subnet = RoutingEntry.subnetOf(c);
            if (subnet == subnets[leaving] || table.subnetAllows(this, subnet)) return r;
        }
        return -1;
    }
}
