package io.peerdial.overlay.routing;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.wire.Contact;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

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
    private final Bucket[] buckets = new Bucket[NodeId.BITS];
    private final Map<NodeId, RoutingEntry> byId = new HashMap<>();
    private final Map<Long, Integer> perSubnet = new HashMap<>();

    public RoutingTable(NodeId self, int k, int perBucket, int perTable) {
        if (k < 1) throw new IllegalArgumentException("k must be positive, got " + k);
        if (perBucket < 1 || perTable < perBucket) {
            throw new IllegalArgumentException("subnet limits must satisfy 1 <= perBucket <= perTable");
        }
        this.self = self;
        this.k = k;
        this.perBucket = perBucket;
        this.perTable = perTable;
        for (int i = 0; i < buckets.length; i++) buckets[i] = new Bucket();
    }

    public NodeId self() {
        return self;
    }

    public int size() {
        return byId.size();
    }

    /** Index of the bucket that holds {@code id}: the length of its common prefix with our ID. */
    public int bucketIndex(NodeId id) {
        return self.commonPrefixLength(id);
    }

    public RoutingEntry get(NodeId id) {
        return byId.get(id);
    }

    public boolean contains(Contact contact) {
        RoutingEntry e = byId.get(contact.id());
        return e != null && e.contact().equals(contact);
    }

    /**
     * Whether {@link #offer} would do something useful with {@code contact} now: it is present, or its
     * bucket has room (within the subnet limits), or the bucket's least-recently-seen contact has been
     * silent for {@code questionableAfterMs} and may be dead. Lets the caller skip proving contacts
     * the table would not keep anyway.
     */
    public boolean wouldTake(Contact contact, long now, long questionableAfterMs) {
        if (contact.id().equals(self)) return false;
        if (byId.containsKey(contact.id())) return contains(contact);
        Bucket bucket = buckets[bucketIndex(contact.id())];
        if (!subnetAllows(bucket, contact)) return false;
        return bucket.entries.size() < k || now - bucket.entries.get(0).lastSeen() >= questionableAfterMs;
    }

    /** Records that {@code contact} was heard from at {@code now} (see the class comment). */
    public InsertResult offer(Contact contact, long now) {
        if (contact.id().equals(self)) return InsertResult.SELF;
        RoutingEntry existing = byId.get(contact.id());
        Bucket bucket = buckets[bucketIndex(contact.id())];
        if (existing != null) {
            if (!existing.contact().address().equals(contact.address())) return InsertResult.ADDRESS_CONFLICT;
            existing.seen(now);
            bucket.moveToTail(existing);
            return InsertResult.REFRESHED;
        }
        Long subnet = SubnetKey.of(contact.address());
        if (subnet != null && (perSubnet.getOrDefault(subnet, 0) >= perTable || bucket.countSubnet(subnet) >= perBucket)) {
            return InsertResult.SUBNET_LIMIT;
        }
        if (bucket.entries.size() < k) {
            add(bucket, new RoutingEntry(contact, now), subnet);
            return InsertResult.ADDED;
        }
        bucket.cache(contact, k);
        return new InsertResult(InsertResult.Outcome.CACHED, bucket.entries.get(0).contact());
    }

    /**
     * Records that {@code contact} did not answer a request. Returns true if it left the table.
     */
    public boolean failed(Contact contact) {
        RoutingEntry e = byId.get(contact.id());
        if (e == null || !e.contact().equals(contact)) return false;
        e.failed();
        Bucket bucket = buckets[bucketIndex(contact.id())];
        Contact replacement = bucket.takeReplacement(this);
        if (replacement == null && e.failures() < STALE_FAILURES) return false;
        remove(bucket, e);
        if (replacement != null) add(bucket, new RoutingEntry(replacement, e.lastSeen()), SubnetKey.of(replacement.address()));
        return true;
    }

    /** Removes a contact at once (e.g. it sent a forged proof). */
    public void remove(NodeId id) {
        RoutingEntry e = byId.get(id);
        if (e != null) remove(buckets[bucketIndex(id)], e);
    }

    /** Up to {@code n} contacts closest to {@code target} by XOR distance, closest first. */
    public List<Contact> closest(NodeId target, int n) {
        List<Contact> out = new ArrayList<>(Math.min(n, byId.size()));
        if (n <= 0 || byId.isEmpty()) return out;
        Comparator<Contact> byDistance = (a, b) -> target.compareDistance(a.id(), b.id());
        int c = target.equals(self) ? NodeId.BITS - 1 : bucketIndex(target);
        // Bucket c shares at least c+1 bits with the target: nearest of all.
        addSorted(out, buckets[c].entries, n, byDistance);
        if (out.size() < n) {
            // Buckets deeper than c all differ from the target at bit c: next nearest, interleaved.
            List<Contact> deeper = new ArrayList<>();
            for (int i = c + 1; i < NodeId.BITS; i++) for (RoutingEntry e : buckets[i].entries) deeper.add(e.contact());
            deeper.sort(byDistance);
            for (int i = 0; i < deeper.size() && out.size() < n; i++) out.add(deeper.get(i));
        }
        // Shallower buckets are each strictly farther than everything before them.
        for (int i = c - 1; i >= 0 && out.size() < n; i--) addSorted(out, buckets[i].entries, n, byDistance);
        return out;
    }

    private static void addSorted(List<Contact> out, List<RoutingEntry> entries, int n, Comparator<Contact> byDistance) {
        if (entries.isEmpty()) return;
        List<Contact> tmp = new ArrayList<>(entries.size());
        for (RoutingEntry e : entries) tmp.add(e.contact());
        tmp.sort(byDistance);
        for (int i = 0; i < tmp.size() && out.size() < n; i++) out.add(tmp.get(i));
    }

    /** Read-only view of bucket {@code index}, least recently seen first. */
    public List<RoutingEntry> bucket(int index) {
        return List.copyOf(buckets[index].entries);
    }

    /** The replacement cache of bucket {@code index}, freshest last. */
    public List<Contact> replacements(int index) {
        return List.copyOf(buckets[index].replacements);
    }

    /** Index of the deepest non-empty bucket, or -1 when the table is empty. */
    public int deepestNonEmptyBucket() {
        for (int i = NodeId.BITS - 1; i >= 0; i--) if (!buckets[i].entries.isEmpty()) return i;
        return -1;
    }

    /** All contacts, for status and tests. */
    public List<Contact> contacts() {
        List<Contact> out = new ArrayList<>(byId.size());
        for (Bucket b : buckets) for (RoutingEntry e : b.entries) out.add(e.contact());
        return out;
    }

    private void add(Bucket bucket, RoutingEntry entry, Long subnet) {
        bucket.entries.add(entry);
        byId.put(entry.contact().id(), entry);
        if (subnet != null) perSubnet.merge(subnet, 1, Integer::sum);
    }

    private void remove(Bucket bucket, RoutingEntry entry) {
        bucket.entries.remove(entry);
        byId.remove(entry.contact().id());
        Long subnet = SubnetKey.of(entry.contact().address());
        if (subnet != null) perSubnet.computeIfPresent(subnet, (s, n) -> n == 1 ? null : n - 1);
    }

    /** Whether {@code contact} could join now without breaking a subnet limit. */
    private boolean subnetAllows(Bucket bucket, Contact contact) {
        Long subnet = SubnetKey.of(contact.address());
        return subnet == null || (perSubnet.getOrDefault(subnet, 0) < perTable && bucket.countSubnet(subnet) < perBucket);
    }

    private static final class Bucket {
        final List<RoutingEntry> entries = new ArrayList<>();
        final ArrayDeque<Contact> replacements = new ArrayDeque<>();

        void moveToTail(RoutingEntry e) {
            if (entries.get(entries.size() - 1) != e) {
                entries.remove(e);
                entries.add(e);
            }
        }

        int countSubnet(long subnet) {
            int n = 0;
            for (RoutingEntry e : entries) {
                Long s = SubnetKey.of(e.contact().address());
                if (s != null && s == subnet) n++;
            }
            return n;
        }

        void cache(Contact c, int max) {
            replacements.removeIf(r -> r.id().equals(c.id()));
            replacements.addLast(c);
            while (replacements.size() > max) replacements.removeFirst();
        }

        /** The freshest cached contact that the subnet limits let in, removed from the cache. */
        Contact takeReplacement(RoutingTable table) {
            for (Iterator<Contact> it = replacements.descendingIterator(); it.hasNext(); ) {
                Contact c = it.next();
                if (!table.byId.containsKey(c.id()) && table.subnetAllows(this, c)) {
                    it.remove();
                    return c;
                }
            }
            return null;
        }
    }
}
