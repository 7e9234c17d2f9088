package io.peerdial.overlay.routing;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.wire.Contact;
import io.peerdial.overlay.wire.ContactList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Kademlia routing table: one k-bucket per common-prefix length with our own ID (Maymounkov &amp;
 * Mazières §2.2), which is the paper's bucket tree where only the bucket holding our ID ever splits.
 *
 * <p>Theory of operation. Every message from a contact that has proved its NodeId is
 * {@link #offer offered}. A contact already present moves to the tail (most recently seen). A new
 * contact joins its bucket if there is room; if the bucket is full it waits in the bucket's
 * replacement cache and the caller is told to ping the head (least recently seen) — live old
 * contacts are preferred because long-lived nodes tend to stay (§2.2). When a contact
 * {@link #failed fails} to answer, it is replaced by the freshest cached contact, or dropped after
 * {@link #STALE_FAILURES} failures in a row even with nobody to replace it (§4.1).
 *
 * <p>Eclipse resistance: at most {@code perBucket} contacts of one IPv4 /24 (IPv6 /64) in a bucket
 * and {@code perTable} in the whole table, so an attacker needs addresses in many networks to
 * surround a target. Loopback addresses are exempt ({@link SubnetKey}). A NodeId already present
 * under another address is not silently moved: the caller keeps the old one until it fails.
 *
 * <p>Not thread-safe; owned by one node core.
 */
public final class RoutingTable {

    /** Failures in a row after which a contact goes even if no replacement waits. */
    public static final int STALE_FAILURES = 5;

    private final NodeId self;
    private final int k;
    private final int perBucket;
    private final int perTable;
    /**
     * Buckets by index, created on first use: most of the 160 stay empty, and the simulator holds
     * 10^5 tables. The array itself grows to the deepest bucket used (a table of N nodes' overlay
     * reaches about log2(N) + a few), so a missing index is an empty bucket.
     */
    private Bucket[] buckets = new Bucket[8];
    /** Entries per subnet over the whole table (the per-table eclipse limit). */
    private final SubnetCounts subnets = new SubnetCounts();
    /**
     * Entries in all buckets. There is no NodeId index: a contact is found by scanning its bucket
     * (at most k entries), which costs less than a hash map entry per contact in 10^6 tables.
     */
    private int size;

    public RoutingTable(NodeId self, int k, int perBucket, int perTable) {
        if (k < 1) throw new IllegalArgumentException("k must be positive, got " + k);
        if (perBucket < 1 || perTable < perBucket) {
            throw new IllegalArgumentException("subnet limits must satisfy 1 <= perBucket <= perTable");
        }
        this.self = self;
        this.k = k;
        this.perBucket = perBucket;
        this.perTable = perTable;
    }

    private Bucket bucketAt(int index) {
        if (index >= buckets.length) buckets = Arrays.copyOf(buckets, Math.min(NodeId.BITS, Math.max(index + 1, buckets.length * 2)));
        Bucket b = buckets[index];
        if (b == null) b = buckets[index] = new Bucket();
        return b;
    }

    /** Bucket {@code index}, or null when it is empty and was never created. */
    private Bucket bucketOrNull(int index) {
        return index < buckets.length ? buckets[index] : null;
    }

    public NodeId self() {
        return self;
    }

    public int size() {
        return size;
    }

    /** Index of the bucket that holds {@code id}: the length of its common prefix with our ID. */
    public int bucketIndex(NodeId id) {
        return self.commonPrefixLength(id);
    }

    public RoutingEntry get(NodeId id) {
        Bucket b = bucketOrNull(bucketIndexOrDeepest(id));
        int i = b == null ? -1 : b.indexOf(id);
        return i < 0 ? null : b.snapshot(i);
    }

    /** Whether {@code id} is in the table (under any address). */
    boolean has(NodeId id) {
        Bucket b = bucketOrNull(bucketIndexOrDeepest(id));
        return b != null && b.indexOf(id) >= 0;
    }

    /**
     * One measured round trip to {@code id} (RFC 6298 §2), kept with its entry; false if it is
     * not in the table.
     */
    public boolean sampleRtt(NodeId id, long rttMs) {
        Bucket b = bucketOrNull(bucketIndexOrDeepest(id));
        int i = b == null ? -1 : b.indexOf(id);
        if (i < 0) return false;
        b.sampleRtt(i, rttMs);
        return true;
    }

    /** Our own ID has no bucket; it would be the deepest one (it never enters the table). */
    private int bucketIndexOrDeepest(NodeId id) {
        return id.equals(self) ? NodeId.BITS - 1 : bucketIndex(id);
    }

    public boolean contains(Contact contact) {
        Bucket b = bucketOrNull(bucketIndexOrDeepest(contact.id()));
        int i = b == null ? -1 : b.indexOf(contact.id());
        return i >= 0 && (b.contacts[i] == contact || b.contacts[i].equals(contact));
    }

    /**
     * Whether {@link #offer} would do something useful with {@code contact} now: it is present, or its
     * bucket has room (within the subnet limits), or the bucket's least-recently-seen contact has been
     * silent for {@code questionableAfterMs} and may be dead. Lets the caller skip proving contacts
     * the table would not keep anyway.
     */
    public boolean wouldTake(Contact contact, long now, long questionableAfterMs) {
        if (contact.id().equals(self)) return false;
        Bucket present = bucketOrNull(bucketIndex(contact.id()));
        int i = present == null ? -1 : present.indexOf(contact.id());
        if (i >= 0) return present.contacts[i].equals(contact);
        // a full bucket whose head was heard lately takes nobody: known from the bucket alone, before
        // the subnet limits, which read the contact's address and the table's subnet counts
        if (present != null && present.size >= k && now - present.lastSeen(0) < questionableAfterMs) return false;
        return subnetAllows(present, RoutingEntry.subnetOf(contact)); // null: an empty bucket
    }

    /** Records that {@code contact} was heard from at {@code now} (see the class comment). */
    public InsertResult offer(Contact contact, long now) {
        if (contact.id().equals(self)) return InsertResult.SELF;
        Bucket bucket = bucketAt(bucketIndex(contact.id()));
        int existing = bucket.indexOf(contact.id());
        if (existing >= 0) {
            Contact held = bucket.contacts[existing];
            if (held != contact && !held.address().equals(contact.address())) return InsertResult.ADDRESS_CONFLICT;
            bucket.seen(existing, now);
            return InsertResult.REFRESHED;
        }
        long subnet = RoutingEntry.subnetOf(contact);
        if (!subnetAllows(bucket, subnet)) return InsertResult.SUBNET_LIMIT;
        if (bucket.size < k) {
            add(bucket, contact, now, subnet);
            return InsertResult.ADDED;
        }
        bucket.cache(contact, now, k);
        return new InsertResult(InsertResult.Outcome.CACHED, bucket.contacts[0]);
    }

    /**
     * Records that {@code contact} did not answer a request. Returns true if it left the table.
     */
    public boolean failed(Contact contact) {
        Bucket bucket = bucketOrNull(bucketIndex(contact.id()));
        int i = bucket == null ? -1 : bucket.indexOf(contact.id());
        if (i < 0 || !bucket.contacts[i].equals(contact)) return false;
        bucket.failed(i);
        int r = bucket.replacementFor(this, i);
        if (r < 0 && bucket.failures(i) < STALE_FAILURES) return false;
        remove(bucket, i);
        if (r >= 0) {
            Contact replacement = bucket.cached[r];
            long cachedAt = bucket.cachedAt(r);
            bucket.removeCached(r);
            add(bucket, replacement, cachedAt, RoutingEntry.subnetOf(replacement));
        }
        return true;
    }

    /** Removes a contact at once (e.g. it sent a forged proof). */
    public void remove(NodeId id) {
        Bucket b = bucketOrNull(bucketIndexOrDeepest(id));
        int i = b == null ? -1 : b.indexOf(id);
        if (i >= 0) remove(b, i);
    }

    /**
     * Up to {@code n} contacts closest to {@code target} by XOR distance, closest first, without
     * sorting the table: buckets are visited in distance order and only each one is sorted.
     *
     * <p>Let c be the bucket of the target (its common prefix with our ID). Bucket c shares at least
     * c + 1 bits with the target: nearest of all. Every deeper bucket j &gt; c differs from the target
     * at bit c; among them, bucket j is nearer than all deeper ones exactly when bit j of
     * (self XOR target) is 1, else farther than all of them — so one pass from c + 1 down the tree,
     * emitting the "nearer" buckets at once and stacking the "farther" ones to emit last-in first-out,
     * yields the deeper buckets in distance order. Shallower buckets c − 1, c − 2, ... are each farther
     * than everything before them.
     */
    public List<Contact> closest(NodeId target, int n) {
        return closest(target, n, null);
    }

    /**
     * {@link #closest(NodeId, int)} without {@code excluded} (e.g. the requester, which needs no news
     * of itself). The list is immutable, so an answer's record keeps it without copying it.
     */
    public List<Contact> closest(NodeId target, int n, NodeId excluded) {
        if (n <= 0 || size == 0) return List.of();
        Contact[] out = new Contact[Math.min(n, size)];
        n = out.length; // no more can be found
        int c = target.equals(self) ? NodeId.BITS - 1 : bucketIndex(target);
        int top = Math.min(buckets.length, NodeId.BITS); // buckets past the array are empty
        Ranking r = RANKING.get().reset(target, excluded, Math.min(n, k));
        int found = addClosest(out, 0, bucketOrNull(c), n, r);
        // the "nearer" deeper buckets in increasing depth; the "farther" ones are taken afterwards
        // in decreasing depth (the stack of the class comment, walked again instead of stored)
        for (int j = c + 1; j < top && found < n; j++) {
            if (buckets[j] != null && self.bit(j) != target.bit(j)) found = addClosest(out, found, buckets[j], n, r);
        }
        for (int j = top - 1; j > c && found < n; j--) {
            if (buckets[j] != null && self.bit(j) == target.bit(j)) found = addClosest(out, found, buckets[j], n, r);
        }
        for (int i = c - 1; i >= 0 && found < n; i--) found = addClosest(out, found, bucketOrNull(i), n, r);
        return ContactList.adopt(out, found); // short of out.length only by the excluded one
    }

    /**
     * Puts the bucket's contacts closest to {@code target} at {@code out[found..]}, closest first,
     * until {@code n} are found; returns how many are found then: a bounded insertion sort into a
     * scratch array (a bucket has at most k entries) on the entries' ID prefixes, so a nearly full
     * answer costs one comparison per entry.
     */
    private static int addClosest(Contact[] out, int found, Bucket bucket, int n, Ranking r) {
        if (bucket == null || bucket.size == 0) return found;
        int count = bucket.size;
        int room = Math.min(n - found, count); // the bucket can give no more than it has
        int[] kept = r.kept;
        int size = 0;
        for (int e = 0; e < count; e++) {
            if (r.isExcluded(bucket, e)) continue;
            if (size == room) { // full: keep the entry only if it beats the farthest kept
                if (r.compare(bucket, e, kept[size - 1]) >= 0) continue;
                size--;
            }
            int at = size;
            while (at > 0 && r.compare(bucket, e, kept[at - 1]) < 0) {
                kept[at] = kept[at - 1];
                at--;
            }
            kept[at] = e;
            size++;
        }
        Contact[] contacts = bucket.contacts;
        for (int i = 0; i < size; i++) out[found + i] = contacts[kept[i]];
        return found + size;
    }

    /**
     * One ranking per thread, reset for each {@link #closest} call: a new one and its scratch array
     * per call were a few percent of all the bytes the simulator allocates (every FIND_NODE answered
     * makes one), and one per table would cost every node the memory. A thread-local cache, not
     * concurrency: closest() does not call itself, and a table is used by one thread at a time.
     */
    private static final ThreadLocal<Ranking> RANKING = ThreadLocal.withInitial(Ranking::new);

    /** XOR distance order to one target over a bucket's slots, by their ID prefixes first (see Bucket). */
    private static final class Ranking {
        private NodeId target;
        private int targetHigh;
        private NodeId excluded;
        private int excludedHigh;
        /** The excluded ID's bits 0..63, 64..127 and 128..159; {@code excludedMid} etc. are read only once {@code flat}. */
        private long excludedHigh64, excludedMid;
        private int excludedLow;
        private boolean flat;
        private final byte[] excludedBytes = new byte[NodeId.BYTES];
        /** Scratch space for the slots of one bucket's best entries (at most min(n, k) of them). */
        int[] kept = new int[0];

        Ranking reset(NodeId target, NodeId excluded, int room) {
            this.target = target;
            this.targetHigh = RoutingEntry.high32(target);
            this.excluded = excluded;
            this.excludedHigh = excluded == null ? 0 : RoutingEntry.high32(excluded);
            this.flat = false;
            if (kept.length < room) kept = new int[room];
            return this;
        }

        /**
         * Slot i holds the excluded ID: the prefix decides almost always, else the Contact's own flat
         * ID does (not its NodeId, one more object to follow on a cold table).
         */
        boolean isExcluded(Bucket b, int i) {
            if (excluded == null || b.data[i] != excludedHigh) return false;
            if (!flat) {
                byte[] bytes = excludedBytes; // once per answer, and only if the requester is in the table
                excluded.writeTo(bytes, 0);
                excludedHigh64 = excluded.high64();
                excludedMid = 0;
                excludedLow = 0;
                for (int j = 8; j < 16; j++) excludedMid = excludedMid << 8 | (bytes[j] & 0xFF);
                for (int j = 16; j < 20; j++) excludedLow = excludedLow << 8 | (bytes[j] & 0xFF);
                flat = true;
            }
            Contact c = b.contacts[i];
            return c.idHigh64() == excludedHigh64 && c.idMid64() == excludedMid && c.idLow32() == excludedLow;
        }

        /** {@code b.data[i]} is slot i's ID prefix: the bucket's block {@link Bucket#HIGH} starts at 0. */
        int compare(Bucket b, int i, int j) {
            int c = Integer.compareUnsigned(b.data[i] ^ targetHigh, b.data[j] ^ targetHigh);
            return c != 0 ? c : target.compareDistance(b.contacts[i].id(), b.contacts[j].id());
        }
    }

    /** Read-only view of bucket {@code index}, least recently seen first. */
    public List<RoutingEntry> bucket(int index) {
        Bucket b = bucketOrNull(index);
        if (b == null) return List.of();
        List<RoutingEntry> out = new ArrayList<>(b.size);
        for (int i = 0; i < b.size; i++) out.add(b.snapshot(i));
        return List.copyOf(out);
    }

    /** The replacement cache of bucket {@code index}, freshest last. */
    public List<Contact> replacements(int index) {
        Bucket b = bucketOrNull(index);
        if (b == null || b.cachedSize == 0) return List.of();
        return new ArrayList<>(Arrays.asList(b.cached).subList(0, b.cachedSize));
    }

    /** Index of the deepest non-empty bucket, or -1 when the table is empty. */
    public int deepestNonEmptyBucket() {
        for (int i = buckets.length - 1; i >= 0; i--) if (buckets[i] != null && buckets[i].size > 0) return i;
        return -1;
    }

    /** All contacts, for status and tests. */
    public List<Contact> contacts() {
        List<Contact> out = new ArrayList<>(size);
        for (Bucket b : buckets) if (b != null) for (int i = 0; i < b.size; i++) out.add(b.contacts[i]);
        return out;
    }

    private void add(Bucket bucket, Contact contact, long lastSeen, long subnet) {
        bucket.add(contact, lastSeen, subnet, k);
        subnets.increment(subnet);
        size++;
    }

    private void remove(Bucket bucket, int i) {
        subnets.decrement(bucket.subnet(i));
        bucket.removeAt(i);
        size--;
    }

    /**
     * Whether an entry of {@code subnet} may join {@code bucket} (null: a bucket never used) without
     * breaking a limit: the bucket is scanned (at most k entries), the table's count is kept in
     * {@link SubnetCounts}.
     */
    boolean subnetAllows(Bucket bucket, long subnet) {
        if (subnet == RoutingEntry.NO_SUBNET) return true;
        if (bucket != null && bucket.countSubnet(subnet, SubnetKey.compact(subnet)) >= perBucket) return false;
        return subnets.get(subnet) < perTable;
    }
}
