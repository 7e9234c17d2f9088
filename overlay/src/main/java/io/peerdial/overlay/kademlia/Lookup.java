package io.peerdial.overlay.kademlia;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.wire.Contact;
import java.util.ArrayList;
import java.util.List;

/**
 * One iterative Kademlia lookup (Maymounkov &amp; Mazières §2.3), as a state machine the node drives.
 *
 * <p>Theory of operation. Candidates are kept sorted by XOR distance to the target. The node asks
 * {@link #nextToQuery} for up to α candidates not yet asked and sends them a request; each answer
 * ({@link #responded}) adds the contacts it names, each failure or time-out ({@link #failed}) drops
 * the candidate from consideration. A candidate learned from an answer of a candidate at depth d
 * has depth d + 1 (the table's own contacts have depth 1), which is how many request rounds it
 * took to reach it. The lookup has {@link #converged converged} when the k closest candidates
 * that did not fail have all answered: then nothing closer can be learned, as in the paper's
 * termination rule. Requests still in flight to farther candidates are ignored from then on.
 *
 * <p>A join adds "external" work: probes of bootstrap addresses whose NodeIds are unknown. The
 * lookup does not converge while any is outstanding.
 *
 * <p>Disjoint paths (S/Kademlia, Baumgart &amp; Mies 2007, §4.4): with {@code paths} = d &gt; 1 the
 * starting contacts are dealt round-robin to d paths; a contact learned from an answer belongs to
 * the path of the candidate that named it, and a node already known to any path is never added
 * again, so the d paths never share a node (an adversary on one path cannot steer the others).
 * Each path keeps α requests in flight and converges on its own k closest; the lookup converges
 * when every path has. The result is the k closest answers over all paths, so one path that reaches
 * an honest closest node is enough. With d = 1 this is the plain lookup.
 */
final class Lookup {

    enum Kind { FIND_NODE, FIND_VALUE, STORE, JOIN, REFRESH }

    /** A candidate's state, in the low bits of its {@link #marks} entry. */
    private static final int NEW = 0, IN_FLIGHT = 1, RESPONDED = 2, FAILED = 3;
    private static final int STATE_BITS = 2, STATE_MASK = 3;

    static final class Candidate {
        final Contact contact;
        final int depth;
        /** The disjoint path this candidate belongs to (always 0 with one path). */
        final int path;
        long writeToken;
        int nextValueIndex;

        Candidate(Contact contact, int depth, int path) {
            this.contact = contact;
            this.depth = depth;
            this.path = path;
        }
    }

    final long id;
    final Kind kind;
    final NodeId target;
    final byte[] storeValue;
    final long startedAt;
    private final int k;
    private final int alpha;
    private final int paths;
    /** Next path a starting contact is dealt to. */
    private int deal;
    /**
     * Sorted by distance to the target, closest first; bounded to a few times k. Distinct IDs have
     * distinct distances, so a candidate is found by binary search: no index by NodeId is kept.
     */
    private final List<Candidate> candidates;
    /**
     * {@code keys[i]}: the first 64 bits of candidate i's distance to the target (unsigned), in the
     * same order. The binary search reads this one array and follows a candidate to its Contact
     * only when the prefixes are equal (the same ID, in practice): following every probed candidate
     * to its Contact and NodeId, each a cache miss on a node that has been idle since its last
     * answer, was most of the cost of taking an answer's contacts.
     */
    private final long[] keys;
    /**
     * {@code marks[i]}: candidate i's path and state ({@code path << STATE_BITS | state}), in the
     * same order, so that choosing whom to ask next and testing convergence scan one small array
     * instead of visiting up to k Candidate objects each, allocated one by one as answers came in.
     */
    private final int[] marks;
    /**
     * {@code held[i]}: candidate i's contact, in the same order. A search that meets an equal key
     * (the same ID, in practice: an answer names mostly candidates already known) compares the
     * contacts from here: the very instance when contacts are shared, without reading the
     * Candidate, a cache miss on a node idle since its last answer.
     */
    private final Contact[] held;
    /** The target's and our own ID, bits 0..63, 64..127 and 128..159, for comparisons with Contacts' flat IDs. */
    private final long targetHigh, targetMid, selfHigh, selfMid;
    private final int targetLow, selfLow;
    private final List<byte[]> values = new ArrayList<>();
    /** Requests in flight per path. */
    private final int[] inFlight;
    private int externalPending;
    int requests;
    boolean finished;

    Lookup(long id, Kind kind, NodeId target, byte[] storeValue, NodeId self, int k, int alpha, long startedAt) {
        this(id, kind, target, storeValue, self, k, alpha, 1, startedAt);
    }

    Lookup(long id, Kind kind, NodeId target, byte[] storeValue, NodeId self, int k, int alpha, int paths, long startedAt) {
        if (paths < 1) throw new IllegalArgumentException("paths must be positive, got " + paths);
        this.paths = paths;
        this.inFlight = new int[paths];
        this.id = id;
        this.kind = kind;
        this.target = target;
        this.storeValue = storeValue;
        this.k = k;
        this.alpha = alpha;
        this.startedAt = startedAt;
        this.candidates = new ArrayList<>(3 * k * paths + 1); // its bound (see add): never regrown
        this.keys = new long[3 * k * paths + 1];
        this.marks = new int[3 * k * paths + 1];
        this.held = new Contact[3 * k * paths + 1];
        byte[] t = target.toBytes();
        this.targetHigh = longAt(t, 0);
        this.targetMid = longAt(t, 8);
        this.targetLow = (int) longAt(t, 12);
        byte[] me = self.toBytes();
        this.selfHigh = longAt(me, 0);
        this.selfMid = longAt(me, 8);
        this.selfLow = (int) longAt(me, 12);
    }

    private static long longAt(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = v << 8 | (b[at + i] & 0xFF);
        return v;
    }

    /**
     * Adds starting contacts at {@code depth}, dealt round-robin to the paths; ourselves, known ones
     * and ones far beyond the frontier are skipped.
     */
    void offer(List<Contact> contacts, int depth) {
        for (int i = 0, n = contacts.size(); i < n; i++) { // indexed: no iterator per answer
            if (add(contacts.get(i), depth, deal)) deal = (deal + 1) % paths;
        }
    }

    /** Adds contacts named by {@code from}'s answer, on {@code from}'s path. */
    void offer(List<Contact> contacts, Candidate from) {
        for (int i = 0, n = contacts.size(); i < n; i++) add(contacts.get(i), from.depth + 1, from.path);
    }

    /** Reads {@code c}'s flat ID (what the decoder compared it with), never its NodeId. */
    private boolean add(Contact c, int depth, int path) {
        long high = c.idHigh64();
        if (high == selfHigh && c.idMid64() == selfMid && c.idLow32() == selfLow) return false; // ourselves
        long key = high ^ targetHigh;
        int size = candidates.size();
        int pos = insertionPoint(c, key, size);
        if (pos < size && keys[pos] == key && held[pos].sameId(c)) return false; // known to some path: stays disjoint
        int limit = 3 * k * paths; // farther candidates could never make any path's k closest
        if (pos >= limit) return false;
        Candidate cand = new Candidate(c, depth, path);
        candidates.add(pos, cand);
        System.arraycopy(keys, pos, keys, pos + 1, size - pos); // keys and marks have room for limit + 1
        keys[pos] = key;
        System.arraycopy(marks, pos, marks, pos + 1, size - pos);
        marks[pos] = path << STATE_BITS | NEW;
        System.arraycopy(held, pos, held, pos + 1, size - pos);
        held[pos] = c;
        if (candidates.size() > limit) {
            held[limit] = null;
            Candidate dropped = candidates.remove(limit);
            // its answer will be ignored (it is no longer found): keep the in-flight count honest
            if ((marks[limit] & STATE_MASK) == IN_FLIGHT) inFlight[dropped.path]--;
        }
        return true;
    }

    /** First candidate not closer to the target than {@code c}, whose distance prefix is {@code key}. */
    private int insertionPoint(Contact c, long key, int size) {
        int lo = 0, hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = Long.compareUnsigned(keys[mid], key);
            if (cmp == 0) cmp = compareRest(held[mid], c);
            if (cmp < 0) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** XOR distances to the target of {@code a} and {@code b} whose first 64 bits are equal: the rest decides. */
    private int compareRest(Contact a, Contact b) {
        if (a == b) return 0;
        int cmp = Long.compareUnsigned(a.idMid64() ^ targetMid, b.idMid64() ^ targetMid);
        return cmp != 0 ? cmp : Integer.compareUnsigned(a.idLow32() ^ targetLow, b.idLow32() ^ targetLow);
    }

    /** As {@link #insertionPoint(Contact, long, int)} for a bare NodeId. */
    private int insertionPoint(NodeId id) {
        long key = id.high64() ^ targetHigh;
        int lo = 0, hi = candidates.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = Long.compareUnsigned(keys[mid], key);
            if (cmp == 0) cmp = target.compareDistance(held[mid].id(), id);
            if (cmp < 0) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** Candidates to ask now (marked in flight), keeping at most α requests outstanding per path. */
    List<Candidate> nextToQuery() {
        List<Candidate> out = null; // most calls pick nobody
        int size = candidates.size();
        for (int p = 0; p < paths; p++) {
            int live = 0;
            int picked = 0;
            for (int i = 0; i < size; i++) {
                if (inFlight[p] + picked >= alpha || live >= k) break;
                int m = marks[i];
                if (m >>> STATE_BITS != p || (m & STATE_MASK) == FAILED) continue;
                live++;
                if ((m & STATE_MASK) == NEW) {
                    if (out == null) out = new ArrayList<>(alpha * paths);
                    out.add(candidates.get(i));
                    marks[i] = p << STATE_BITS | IN_FLIGHT; // only path p's scan could have met it again
                    picked++;
                }
            }
        }
        if (out == null) return List.of();
        for (int i = 0, n = out.size(); i < n; i++) {
            inFlight[out.get(i).path]++;
            requests++;
        }
        return out;
    }

    /** The candidate with this ID, or null (never known, or dropped beyond the frontier). */
    Candidate candidate(NodeId id) {
        int pos = insertionPoint(id);
        if (pos == candidates.size() || keys[pos] != (id.high64() ^ targetHigh)) return null;
        Candidate c = candidates.get(pos);
        return c.contact.id().equals(id) ? c : null;
    }

    /** An answer from {@code from}: it is done, and named {@code contacts}. */
    void responded(Candidate from, List<Contact> contacts) {
        settle(from, RESPONDED);
        offer(contacts, from);
    }

    /** A further page of values is being requested from a candidate that stays in flight. */
    void pageRequested() {
        requests++;
    }

    void failed(Candidate c) {
        settle(c, FAILED);
    }

    void addValues(List<byte[]> found) {
        values.addAll(found);
    }

    List<byte[]> values() {
        return values;
    }

    void externalStarted() {
        externalPending++;
    }

    void externalDone() {
        externalPending--;
    }

    /** True when on every path the k closest candidates that did not fail have all answered (see class comment). */
    boolean converged() {
        if (externalPending > 0) return false;
        for (int p = 0; p < paths; p++) if (!converged(p)) return false;
        return true;
    }

    private boolean converged(int path) {
        int live = 0;
        for (int i = 0, size = candidates.size(); i < size; i++) {
            int m = marks[i];
            if (m >>> STATE_BITS != path || (m & STATE_MASK) == FAILED) continue;
            if ((m & STATE_MASK) != RESPONDED) return false;
            if (++live >= k) return true;
        }
        return true; // fewer than k live candidates, all answered (or none at all)
    }

    /**
     * Candidate {@code c} answered or failed: its new state, and one request fewer in flight if it
     * was. A candidate no longer in the list (dropped beyond the frontier) counts for nothing any
     * more, and its requests in flight were written off when it was dropped.
     */
    private void settle(Candidate c, int state) {
        Contact contact = c.contact;
        int size = candidates.size();
        int i = insertionPoint(contact, contact.idHigh64() ^ targetHigh, size);
        if (i == size || candidates.get(i) != c) return;
        if ((marks[i] & STATE_MASK) == IN_FLIGHT) inFlight[c.path]--;
        marks[i] = c.path << STATE_BITS | state;
    }

    int paths() {
        return paths;
    }

    /** Up to k closest candidates that answered, closest first. */
    List<Candidate> closestResponded() {
        List<Candidate> out = new ArrayList<>(k);
        for (int i = 0, size = candidates.size(); i < size; i++) {
            if ((marks[i] & STATE_MASK) == RESPONDED) {
                out.add(candidates.get(i));
                if (out.size() == k) break;
            }
        }
        return out;
    }

    static List<Contact> contacts(List<Candidate> cs) {
        List<Contact> out = new ArrayList<>(cs.size());
        for (Candidate c : cs) out.add(c.contact);
        return out;
    }

    /** Request rounds: the deepest of the k closest answers (see class comment). */
    int rounds(List<Candidate> closest) {
        int r = 0;
        for (Candidate c : closest) r = Math.max(r, c.depth);
        return r;
    }
}
