package io.peerdial.overlay.routing;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.wire.Contact;
import java.util.Arrays;

/**
 * One k-bucket of {@link RoutingTable}: its entries, least recently seen first, in two arrays with
 * no object per entry — the Contacts (shared, immutable) and one {@code int[]} holding, in blocks of
 * {@code capacity} ints each, for every slot: the first 32 bits of its NodeId, its subnet key
 * ({@link SubnetKey#compact}) with the requests in a row it missed, when it was last heard from,
 * and its round-trip estimate (RFC 6298 §2: SRTT and RTTVAR as float bits; NaN until the first
 * sample).
 *
 * <p>Why arrays: the simulator holds 10^5 tables of ~150 entries in ~14 buckets each, and a
 * per-entry object cost ~44 bytes (the object and its list slot) on top of what the arrays hold.
 * Why one {@code int[]} in blocks rather than an array per field: every array has a 16-byte header
 * and its own padding, and seven arrays per bucket came to ~1.5 KB per table. Scans (find an ID,
 * rank by distance, count a subnet) read one contiguous block and follow a Contact to its NodeId
 * only when the 32-bit prefixes are equal: following every entry to its Contact and NodeId, each a
 * cache miss, was most of the cost of answering FIND_NODE. The ID prefixes are block 0, so those
 * scans index the array directly.
 *
 * <p>Times ({@code now}, milliseconds) are kept exactly: as an int while they fit (the simulator's
 * clock starts at 0, so a run of up to 24 days), and with a further block for their upper 32 bits
 * once one does not ({@link #wide}), e.g. under a wall clock. The replacement cache (contacts heard
 * while the bucket was full, and when) is a pair of arrays in the same way, oldest first.
 */
final class Bucket {

    /** Block 0: first 32 bits of the NodeId (read directly as {@code data[i]}). */
    static final int HIGH = 0;
    /** Block 1: {@link SubnetKey#compact} key in the low bits, failures in a row in the top bits. */
    private static final int SUBNET = 1;
    /** Block 2: last heard from (its low 32 bits once {@link #wide}). */
    private static final int SEEN = 2;
    private static final int SRTT = 3;
    private static final int RTTVAR = 4;
    /** Block 5, only once {@link #wide}: the upper 32 bits of last heard from. */
    private static final int SEEN_HIGH = 5;

    private static final int FAILURES_SHIFT = SubnetKey.COMPACT_BITS;
    /** The largest failure count kept (it saturates); the table drops an entry long before. */
    static final int MAX_FAILURES = -1 >>> FAILURES_SHIFT;

    private static final Contact[] NO_CONTACTS = {};
    private static final int[] NO_INTS = {};

    int size;
    /** Empty until the first entry (see {@link #add} for how it grows). */
    Contact[] contacts = NO_CONTACTS;
    /** The blocks described in the class comment, each {@code contacts.length} long. */
    int[] data = NO_INTS;
    /** Whether times take two ints (block {@link #SEEN_HIGH}; the cache's second half). */
    private boolean wide;

    /** The replacement cache, oldest first, freshest last; null until the bucket is first full. */
    int cachedSize;
    Contact[] cached;
    /** When each cached contact was heard (low 32 bits, then the upper ones once {@link #wide}). */
    private int[] cachedAt;

    /** Slot of {@code id}, or -1. */
    int indexOf(NodeId id) {
        int high = RoutingEntry.high32(id);
        int[] highs = data; // block HIGH starts at 0
        for (int i = 0; i < size; i++) {
            if (highs[i] != high) continue; // the prefix decides almost always
            NodeId other = contacts[i].id();
            if (other == id || other.equals(id)) return i;
        }
        return -1;
    }

    private int blocks() {
        return wide ? SEEN_HIGH + 1 : SEEN_HIGH;
    }

    long lastSeen(int i) {
        int cap = contacts.length;
        int low = data[SEEN * cap + i];
        return wide ? (long) data[SEEN_HIGH * cap + i] << 32 | (low & 0xFFFF_FFFFL) : low;
    }

    private void setLastSeen(int i, long t) {
        if (!wide && (int) t != t) widen();
        int cap = contacts.length;
        data[SEEN * cap + i] = (int) t;
        if (wide) data[SEEN_HIGH * cap + i] = (int) (t >>> 32);
    }

    int failures(int i) {
        return data[SUBNET * contacts.length + i] >>> FAILURES_SHIFT;
    }

    /** The subnet key of slot {@code i} as {@link RoutingEntry#subnetOf} gives it. */
    long subnet(int i) {
        return SubnetKey.expand(data[SUBNET * contacts.length + i] & SubnetKey.COMPACT_MASK, contacts[i]);
    }

    /** Entries whose subnet is {@code subnet} (with {@code key} = {@link SubnetKey#compact} of it). */
    int countSubnet(long subnet, int key) {
        int from = SUBNET * contacts.length;
        int n = 0;
        for (int i = 0; i < size; i++) {
            if ((data[from + i] & SubnetKey.COMPACT_MASK) == key && (SubnetKey.isExact(key) || RoutingEntry.subnetOf(contacts[i]) == subnet)) n++;
        }
        return n;
    }

    float srtt(int i) {
        return Float.intBitsToFloat(data[SRTT * contacts.length + i]);
    }

    float rttvar(int i) {
        return Float.intBitsToFloat(data[RTTVAR * contacts.length + i]);
    }

    /**
     * Appends a fresh entry (tail: most recently seen), growing the arrays towards k in small steps
     * (2, 4, 6, ..., 12, 15, 18, ...): the deep buckets of a table stay small for good, and a slot
     * they never use costs as much as one in use.
     */
    void add(Contact c, long seen, long subnet, int k) {
        int n = size;
        if (n == contacts.length) grow(Math.max(n + 1, Math.min(k, n + Math.max(2, n >> 2))));
        int cap = contacts.length;
        contacts[n] = c;
        data[HIGH * cap + n] = RoutingEntry.high32(c.id());
        data[SUBNET * cap + n] = SubnetKey.compact(subnet); // no failures
        data[SRTT * cap + n] = Float.floatToRawIntBits(Float.NaN);
        data[RTTVAR * cap + n] = 0; // 0f
        size = n + 1;
        setLastSeen(n, seen);
    }

    private void grow(int capacity) {
        int cap = contacts.length;
        int[] grown = new int[blocks() * capacity];
        for (int b = 0, blocks = blocks(); b < blocks; b++) System.arraycopy(data, b * cap, grown, b * capacity, size);
        data = grown;
        contacts = Arrays.copyOf(contacts, capacity);
    }

    /** From now on times take two ints: adds block {@link #SEEN_HIGH} (and the cache's upper half). */
    private void widen() {
        int cap = contacts.length;
        data = Arrays.copyOf(data, (SEEN_HIGH + 1) * cap);
        for (int i = 0; i < size; i++) data[SEEN_HIGH * cap + i] = data[SEEN * cap + i] >> 31;
        if (cachedAt != null) {
            int cachedCap = cached.length;
            cachedAt = Arrays.copyOf(cachedAt, 2 * cachedCap);
            for (int i = 0; i < cachedSize; i++) cachedAt[cachedCap + i] = cachedAt[i] >> 31;
        }
        wide = true;
    }

    void removeAt(int i) {
        int after = size - i - 1;
        int cap = contacts.length;
        System.arraycopy(contacts, i + 1, contacts, i, after);
        for (int b = 0, blocks = blocks(); b < blocks; b++) System.arraycopy(data, b * cap + i + 1, data, b * cap + i, after);
        contacts[--size] = null;
    }

    /** Heard from slot {@code i}: seen now, no failures, moved to the tail. */
    void seen(int i, long now) {
        int cap = contacts.length;
        data[SUBNET * cap + i] &= SubnetKey.COMPACT_MASK; // no failures
        setLastSeen(i, now);
        int last = size - 1;
        if (i == last) return;
        Contact c = contacts[i];
        int blocks = blocks();
        // shift the slots after i one place down in every block, then put slot i's fields at the tail
        System.arraycopy(contacts, i + 1, contacts, i, last - i);
        contacts[last] = c;
        for (int b = 0; b < blocks; b++) {
            int at = b * cap;
            int moving = data[at + i];
            System.arraycopy(data, at + i + 1, data, at + i, last - i);
            data[at + last] = moving;
        }
    }

    void failed(int i) {
        if (failures(i) < MAX_FAILURES) data[SUBNET * contacts.length + i] += 1 << FAILURES_SHIFT;
    }

    /** RFC 6298 §2.2 for the first sample, §2.3 (α = 1/8, β = 1/4) after it. */
    void sampleRtt(int i, long rttMs) {
        int cap = contacts.length;
        float srtt = srtt(i);
        if (Float.isNaN(srtt)) {
            data[SRTT * cap + i] = Float.floatToRawIntBits(rttMs);
            data[RTTVAR * cap + i] = Float.floatToRawIntBits(rttMs / 2f);
        } else {
            data[RTTVAR * cap + i] = Float.floatToRawIntBits(0.75f * rttvar(i) + 0.25f * Math.abs(srtt - rttMs));
            data[SRTT * cap + i] = Float.floatToRawIntBits(0.875f * srtt + 0.125f * rttMs);
        }
    }

    RoutingEntry snapshot(int i) {
        return new RoutingEntry(contacts[i], lastSeen(i), failures(i), srtt(i), rttvar(i));
    }

    long cachedAt(int r) {
        int low = cachedAt[r];
        return wide ? (long) cachedAt[cached.length + r] << 32 | (low & 0xFFFF_FFFFL) : low;
    }

    /**
     * Puts {@code c} in the replacement cache as its freshest contact (dropping an older copy of its
     * NodeId), keeping at most {@code max}: the oldest goes first.
     */
    void cache(Contact c, long now, int max) {
        if (!wide && (int) now != now) widen();
        if (cached == null) {
            cached = new Contact[2]; // most caches hold a few contacts
            cachedAt = new int[wide ? 4 : 2];
        }
        NodeId id = c.id();
        for (int i = 0; i < cachedSize; i++) {
            if (cached[i].id().equals(id)) {
                removeCached(i);
                break; // at most one copy per NodeId
            }
        }
        int n = cachedSize;
        int cap = cached.length;
        if (n == cap) {
            int capacity = Math.max(n + 1, Math.min(max, n + Math.max(2, n >> 1)));
            int[] grown = new int[wide ? 2 * capacity : capacity];
            System.arraycopy(cachedAt, 0, grown, 0, n);
            if (wide) System.arraycopy(cachedAt, cap, grown, capacity, n);
            cachedAt = grown;
            cached = Arrays.copyOf(cached, capacity);
            cap = capacity;
        }
        cached[n] = c;
        cachedAt[n] = (int) now;
        if (wide) cachedAt[cap + n] = (int) (now >>> 32);
        cachedSize = n + 1;
        while (cachedSize > max) removeCached(0);
    }

    void removeCached(int i) {
        int after = cachedSize - i - 1;
        int cap = cached.length;
        System.arraycopy(cached, i + 1, cached, i, after);
        System.arraycopy(cachedAt, i + 1, cachedAt, i, after);
        if (wide) System.arraycopy(cachedAt, cap + i + 1, cachedAt, cap + i, after);
        cached[--cachedSize] = null;
    }

    /**
     * Cache slot of the freshest cached contact that may take the place of slot {@code leaving} (not
     * already in the table, and within the subnet limits once {@code leaving} has gone), or -1.
     */
    int replacementFor(RoutingTable table, int leaving) {
        if (cachedSize == 0) return -1;
        long leavingSubnet = subnet(leaving);
        for (int r = cachedSize - 1; r >= 0; r--) {
            Contact c = cached[r];
            if (table.has(c.id())) continue;
            long subnet = RoutingEntry.subnetOf(c);
            if (subnet == leavingSubnet || table.subnetAllows(this, subnet)) return r;
        }
        return -1;
    }
}
