package io.peerdial.overlay.routing;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.wire.Contact;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
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
        if (b == null) return null;
        int high = RoutingEntry.high32(id);
        int[] highs = b.highs;
        for (int i = 0, n = b.entries.size(); i < n; i++) {
            if (highs[i] != high) continue; // the prefix array decides almost always (see Bucket)
            Contact c = b.contacts[i];
            if (c.id() == id || c.id().equals(id)) return b.entries.get(i);
        }
        return null;
    }

    /** Our own ID has no bucket; it would be the deepest one (it never enters the table). */
    private int bucketIndexOrDeepest(NodeId id) {
        return id.equals(self) ? NodeId.BITS - 1 : bucketIndex(id);
    }

    public boolean contains(Contact contact) {
        RoutingEntry e = get(contact.id());
        return e != null && (e.contact() == contact || e.contact().equals(contact));
    }

    /**
     * Whether {@link #offer} would do something useful with {@code contact} now: it is present, or its
     * bucket has room (within the subnet limits), or the bucket's least-recently-seen contact has been
     * silent for {@code questionableAfterMs} and may be dead. Lets the caller skip proving contacts
     * the table would not keep anyway.
     */
    public boolean wouldTake(Contact contact, long now, long questionableAfterMs) {
        if (contact.id().equals(self)) return false;
        RoutingEntry present = get(contact.id());
        if (present != null) return present.contact().equals(contact);
        Bucket bucket = bucketAt(bucketIndex(contact.id()));
        if (!subnetAllows(bucket, RoutingEntry.subnetOf(contact))) return false;
        return bucket.entries.size() < k || now - bucket.entries.get(0).lastSeen() >= questionableAfterMs;
    }

    /** Records that {@code contact} was heard from at {@code now} (see the class comment). */
    public InsertResult offer(Contact contact, long now) {
        if (contact.id().equals(self)) return InsertResult.SELF;
        RoutingEntry existing = get(contact.id());
        Bucket bucket = bucketAt(bucketIndex(contact.id()));
        if (existing != null) {
            if (!existing.contact().address().equals(contact.address())) return InsertResult.ADDRESS_CONFLICT;
            existing.seen(now);
            bucket.moveToTail(existing);
            return InsertResult.REFRESHED;
        }
        long subnet = RoutingEntry.subnetOf(contact);
        if (!subnetAllows(bucket, subnet)) return InsertResult.SUBNET_LIMIT;
        if (bucket.entries.size() < k) {
            add(bucket, new RoutingEntry(contact, now), subnet);
            return InsertResult.ADDED;
        }
        bucket.cache(contact, now, k);
        return new InsertResult(InsertResult.Outcome.CACHED, bucket.entries.get(0).contact());
    }

    /**
     * Records that {@code contact} did not answer a request. Returns true if it left the table.
     */
    public boolean failed(Contact contact) {
        RoutingEntry e = get(contact.id());
        if (e == null || !e.contact().equals(contact)) return false;
        e.failed();
        Bucket bucket = bucketAt(bucketIndex(contact.id()));
        RoutingEntry replacement = bucket.takeReplacement(this, e);
        if (replacement == null && e.failures() < STALE_FAILURES) return false;
        remove(bucket, e);
        if (replacement != null) add(bucket, replacement, RoutingEntry.subnetOf(replacement.contact()));
        return true;
    }

    /** Removes a contact at once (e.g. it sent a forged proof). */
    public void remove(NodeId id) {
        RoutingEntry e = get(id);
        if (e != null) remove(bucketAt(bucketIndex(id)), e);
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

    /** {@link #closest(NodeId, int)} without {@code excluded} (e.g. the requester, which needs no news of itself). */
    public List<Contact> closest(NodeId target, int n, NodeId excluded) {
        List<Contact> out = new ArrayList<>(Math.min(n, size));
        if (n <= 0 || size == 0) return out;
        int c = target.equals(self) ? NodeId.BITS - 1 : bucketIndex(target);
        int top = Math.min(buckets.length, NodeId.BITS); // buckets past the array are empty
        Ranking r = new Ranking(target, excluded);
        addClosest(out, bucketOrNull(c), n, r);
        // the "nearer" deeper buckets in increasing depth; the "farther" ones are taken afterwards
        // in decreasing depth (the stack of the class comment, walked again instead of stored)
        for (int j = c + 1; j < top && out.size() < n; j++) {
            if (buckets[j] != null && self.bit(j) != target.bit(j)) addClosest(out, buckets[j], n, r);
        }
        for (int j = top - 1; j > c && out.size() < n; j--) {
            if (buckets[j] != null && self.bit(j) == target.bit(j)) addClosest(out, buckets[j], n, r);
        }
        for (int i = c - 1; i >= 0 && out.size() < n; i--) addClosest(out, bucketOrNull(i), n, r);
        return out;
    }

    /**
     * Appends the bucket's contacts closest to {@code target}, closest first, until {@code out} holds
     * {@code n}: a bounded insertion sort into a scratch array (a bucket has at most k entries) on
     * the entries' ID prefixes, so a nearly full answer costs one comparison per entry.
     */
    private static void addClosest(List<Contact> out, Bucket bucket, int n, Ranking r) {
        if (bucket == null || bucket.entries.isEmpty()) return;
        int count = bucket.entries.size();
        int room = Math.min(n - out.size(), count); // the bucket can give no more than it has
        int[] kept = r.kept(room);
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
        for (int i = 0; i < size; i++) out.add(bucket.contacts[kept[i]]);
    }

    /** XOR distance order to one target over a bucket's slots, by their ID prefixes first (see Bucket). */
    private static final class Ranking {
        private final NodeId target;
        private final int targetHigh;
        private final NodeId excluded;
        private final int excludedHigh;
        private int[] kept = new int[0];

        Ranking(NodeId target, NodeId excluded) {
            this.target = target;
            this.targetHigh = RoutingEntry.high32(target);
            this.excluded = excluded;
            this.excludedHigh = excluded == null ? 0 : RoutingEntry.high32(excluded);
        }

        boolean isExcluded(Bucket b, int i) {
            return excluded != null && b.highs[i] == excludedHigh && b.contacts[i].id().equals(excluded);
        }

        int compare(Bucket b, int i, int j) {
            int c = Integer.compareUnsigned(b.highs[i] ^ targetHigh, b.highs[j] ^ targetHigh);
            return c != 0 ? c : target.compareDistance(b.contacts[i].id(), b.contacts[j].id());
        }

        /** Scratch space for the slots of one bucket's best {@code room} entries. */
        int[] kept(int room) {
            if (kept.length < room) kept = new int[room];
            return kept;
        }
    }

    /** Read-only view of bucket {@code index}, least recently seen first. */
    public List<RoutingEntry> bucket(int index) {
        Bucket b = bucketOrNull(index);
        return b == null ? List.of() : List.copyOf(b.entries);
    }

    /** The replacement cache of bucket {@code index}, freshest last. */
    public List<Contact> replacements(int index) {
        Bucket b = bucketOrNull(index);
        if (b == null || b.replacements == null) return List.of();
        List<Contact> out = new ArrayList<>();
        for (RoutingEntry e : b.replacements) out.add(e.contact());
        return out;
    }

    /** Index of the deepest non-empty bucket, or -1 when the table is empty. */
    public int deepestNonEmptyBucket() {
        for (int i = buckets.length - 1; i >= 0; i--) if (buckets[i] != null && !buckets[i].entries.isEmpty()) return i;
        return -1;
    }

    /** All contacts, for status and tests. */
    public List<Contact> contacts() {
        List<Contact> out = new ArrayList<>(size);
        for (Bucket b : buckets) if (b != null) for (RoutingEntry e : b.entries) out.add(e.contact());
        return out;
    }

    private void add(Bucket bucket, RoutingEntry entry, long subnet) {
        bucket.add(entry, subnet, k);
        subnets.increment(subnet);
        size++;
    }

    private void remove(Bucket bucket, RoutingEntry entry) {
        int i = bucket.entries.indexOf(entry); // identity: RoutingEntry keeps Object.equals
        if (i >= 0) {
            subnets.decrement(bucket.subnets[i]);
            bucket.removeAt(i);
            size--;
        }
    }

    /**
     * Whether an entry of {@code subnet} may join {@code bucket} without breaking a limit: the bucket
     * is scanned (at most k entries), the table's count is kept in {@link SubnetCounts}.
     */
    private boolean subnetAllows(Bucket bucket, long subnet) {
        if (subnet == RoutingEntry.NO_SUBNET) return true;
        int inBucket = 0;
        long[] bucketSubnets = bucket.subnets;
        for (int i = 0, n = bucket.entries.size(); i < n; i++) if (bucketSubnets[i] == subnet) inBucket++;
        if (inBucket >= perBucket) return false;
        return subnets.get(subnet) < perTable;
    }

    /**
     * A bucket's entries, least recently seen first, with three arrays parallel to them: each entry's
     * Contact, the first 32 bits of its NodeId and its subnet key. Scans (find an ID, rank by
     * distance, count a subnet) read these contiguous arrays and touch an entry only when it is the
     * one wanted: in the simulator, following every entry to its Contact and NodeId, each a cache
     * miss, was most of the cost of answering FIND_NODE. Equal prefixes fall back to the full ID.
     */
    private static final class Bucket {
        final List<RoutingEntry> entries = new ArrayList<>(4);
        Contact[] contacts = new Contact[4];
        int[] highs = new int[4];
        long[] subnets = new long[4];

        /** Appends {@code e}; the arrays grow by half, never beyond k (a bucket holds at most k). */
        void add(RoutingEntry e, long subnet, int k) {
            int n = entries.size();
            if (n == highs.length) {
                int c = Math.max(n + 1, Math.min(k, n + Math.max(4, n >> 1)));
                contacts = Arrays.copyOf(contacts, c);
                highs = Arrays.copyOf(highs, c);
                subnets = Arrays.copyOf(subnets, c);
            }
            contacts[n] = e.contact();
            highs[n] = RoutingEntry.high32(e.contact().id());
            subnets[n] = subnet;
            entries.add(e);
        }

        void removeAt(int i) {
            entries.remove(i);
            int n = entries.size();
            System.arraycopy(contacts, i + 1, contacts, i, n - i);
            System.arraycopy(highs, i + 1, highs, i, n - i);
            System.arraycopy(subnets, i + 1, subnets, i, n - i);
            contacts[n] = null;
        }
        /** Proved contacts waiting for room, freshest last; created when first needed. */
        ArrayDeque<RoutingEntry> replacements;

        void moveToTail(RoutingEntry e) {
            int last = entries.size() - 1;
            if (entries.get(last) == e) return;
            int i = entries.indexOf(e);
            if (i < 0) return;
            Contact c = contacts[i];
            int h = highs[i];
            long s = subnets[i];
            entries.remove(i);
            entries.add(e);
            System.arraycopy(contacts, i + 1, contacts, i, last - i);
            System.arraycopy(highs, i + 1, highs, i, last - i);
            System.arraycopy(subnets, i + 1, subnets, i, last - i);
            contacts[last] = c;
            highs[last] = h;
            subnets[last] = s;
        }

        void cache(Contact c, long now, int max) {
            if (replacements == null) replacements = new ArrayDeque<>(4);
            replacements.removeIf(r -> r.contact().id().equals(c.id()));
            replacements.addLast(new RoutingEntry(c, now));
            while (replacements.size() > max) replacements.removeFirst();
        }

        /** The freshest cached entry that the subnet limits let in once {@code leaving} is gone. */
        RoutingEntry takeReplacement(RoutingTable table, RoutingEntry leaving) {
            if (replacements == null) return null;
            for (Iterator<RoutingEntry> it = replacements.descendingIterator(); it.hasNext(); ) {
                RoutingEntry r = it.next();
                if (table.get(r.contact().id()) != null) continue;
                long subnet = RoutingEntry.subnetOf(r.contact());
                int at = entries.indexOf(leaving);
                boolean allowed = (at >= 0 && subnet == subnets[at]) || table.subnetAllows(this, subnet);
                if (allowed) {
                    it.remove();
                    return r;
                }
            }
            return null;
        }
    }
}
