package io.peerdial.overlay.kademlia;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.wire.Contact;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 */
final class Lookup {

    enum Kind { FIND_NODE, FIND_VALUE, STORE, JOIN, REFRESH }

    enum State { NEW, IN_FLIGHT, RESPONDED, FAILED }

    static final class Candidate {
        final Contact contact;
        final int depth;
        State state = State.NEW;
        long writeToken;
        int nextValueIndex;

        Candidate(Contact contact, int depth) {
            this.contact = contact;
            this.depth = depth;
        }
    }

    final long id;
    final Kind kind;
    final NodeId target;
    final byte[] storeValue;
    final long startedAt;
    private final NodeId self;
    private final int k;
    private final int alpha;
    /** Sorted by distance to the target, closest first; bounded to a few times k. */
    private final List<Candidate> candidates = new ArrayList<>();
    private final Map<NodeId, Candidate> byId = new HashMap<>();
    private final List<byte[]> values = new ArrayList<>();
    private int inFlight;
    private int externalPending;
    int requests;
    boolean finished;

    Lookup(long id, Kind kind, NodeId target, byte[] storeValue, NodeId self, int k, int alpha, long startedAt) {
        this.id = id;
        this.kind = kind;
        this.target = target;
        this.storeValue = storeValue;
        this.self = self;
        this.k = k;
        this.alpha = alpha;
        this.startedAt = startedAt;
    }

    /** Adds contacts at {@code depth}; ourselves, known ones and ones far beyond the frontier are skipped. */
    void offer(List<Contact> contacts, int depth) {
        for (Contact c : contacts) {
            if (c.id().equals(self) || byId.containsKey(c.id())) continue;
            int pos = insertionPoint(c.id());
            int limit = 3 * k; // farther candidates could never make the k closest
            if (pos >= limit) continue;
            Candidate cand = new Candidate(c, depth);
            candidates.add(pos, cand);
            byId.put(c.id(), cand);
            if (candidates.size() > limit) {
                Candidate dropped = candidates.remove(candidates.size() - 1);
                if (dropped.state == State.IN_FLIGHT) {
                    dropped.state = State.FAILED; // answer will be ignored; keep the in-flight count honest
                    inFlight--;
                }
                byId.remove(dropped.contact.id());
            }
        }
    }

    private int insertionPoint(NodeId id) {
        int lo = 0, hi = candidates.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (target.compareDistance(candidates.get(mid).contact.id(), id) < 0) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** Candidates to ask now (marked in flight), keeping at most α requests outstanding. */
    List<Candidate> nextToQuery() {
        List<Candidate> out = new ArrayList<>(alpha);
        int live = 0;
        for (Candidate c : candidates) {
            if (inFlight + out.size() >= alpha || live >= k) break;
            if (c.state == State.FAILED) continue;
            live++;
            if (c.state == State.NEW) out.add(c);
        }
        for (Candidate c : out) {
            c.state = State.IN_FLIGHT;
            inFlight++;
            requests++;
        }
        return out;
    }

    Candidate candidate(NodeId id) {
        return byId.get(id);
    }

    /** An answer from {@code from}: it is done, and named {@code contacts}. */
    void responded(Candidate from, List<Contact> contacts) {
        if (from.state == State.IN_FLIGHT) inFlight--;
        from.state = State.RESPONDED;
        offer(contacts, from.depth + 1);
    }

    /** A further page of values is being requested from a candidate that stays in flight. */
    void pageRequested() {
        requests++;
    }

    void failed(Candidate c) {
        if (c.state == State.IN_FLIGHT) inFlight--;
        c.state = State.FAILED;
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

    /** True when the k closest candidates that did not fail have all answered (see class comment). */
    boolean converged() {
        if (externalPending > 0) return false;
        int live = 0;
        for (Candidate c : candidates) {
            if (c.state == State.FAILED) continue;
            if (c.state != State.RESPONDED) return false;
            if (++live >= k) return true;
        }
        return true; // fewer than k live candidates, all answered (or none at all)
    }

    /** Up to k closest candidates that answered, closest first. */
    List<Candidate> closestResponded() {
        List<Candidate> out = new ArrayList<>(k);
        for (Candidate c : candidates) {
            if (c.state == State.RESPONDED) {
                out.add(c);
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
