package io.peerdial.simulator.ice;

import io.peerdial.simulator.net.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One side of a call: an ICE-like agent (RFC 8445, one component) behind its node's device, the
 * longest class of the ice package. Sans-IO: {@link #start}, {@link #setRemote}, {@link #handle},
 * {@link #handleTimeout}; output through {@link #pollTransmit}, {@link #pollTimeout},
 * {@link #pollGathered}, {@link #result}.
 *
 * <p>Theory of operation. Gathering (§5.1.1): a host candidate (the agent's socket), a
 * server-reflexive one from a STUN Binding to the server, a relayed one from an Allocate over UDP,
 * and when that gets no answer (UDP blocked) an Allocate over TCP. Every request retransmits
 * with a doubling RTO (RFC 8489 §6.2.1) and counts as failed after {@code transmissions}; TCP
 * requests are sent once and wait as long. Checking starts once the agent has its own candidates
 * and the peer's: pairs are (base, remote) with bases host and relayed (server-reflexive locals are
 * pruned to their base, §6.1.2.4), ordered by the §6.1.2.3 pair priority; one check every Ta
 * (§6.1.4.2), triggered checks first. A check from a relayed base goes to the relay as a Send
 * indication, after a CreatePermission for every remote address. A check succeeds when the
 * response comes back from the address the request went to, on the same base (§7.2.5.2.1);
 * its mapped address names the valid pair's local candidate, peer-reflexive when new
 * (§7.2.5.3.1). An incoming check is answered, teaches a peer-reflexive remote candidate
 * when its source is unknown (§7.3.1.3) and triggers a check back (§7.3.1.4).
 *
 * <p>Nomination (simplified regular nomination, §8.1.1): the controlling agent selects the
 * highest-priority valid pair once no pending pair outranks it, or when checks are exhausted, or at
 * the ICE timeout. USE-CANDIDATE and the controlled side's confirmation are not modelled: the
 * controlling agent's choice is the call's outcome.
 */
public final class IceAgent {

    /** Timing: Ta between checks, first RTO, transmissions per request, overall ICE timeout. */
    public record Config(long taMs, long rtoMs, int transmissions, long timeoutMs) {
        public Config {
            if (taMs <= 0 || rtoMs <= 0 || transmissions < 1 || timeoutMs <= 0) {
                throw new IllegalArgumentException("bad ICE timing " + taMs + "/" + rtoMs + "/" + transmissions + "/" + timeoutMs);
            }
        }
    }

    enum State { WAITING, IN_PROGRESS, SUCCEEDED, FAILED }

    private enum Kind { STUN, ALLOCATE_UDP, ALLOCATE_TCP, PERMIT, CHECK }

    static final class Pair {
        final Candidate base;
        final Candidate remote;
        final long priority;
        State state = State.WAITING;
        Candidate validLocal; // the local candidate named by the mapped address (§7.2.5.3.1)

        Pair(Candidate base, Candidate remote, boolean controlling) {
            this.base = base;
            this.remote = remote;
            long g = controlling ? base.priority() : remote.priority();
            long d = controlling ? remote.priority() : base.priority();
            this.priority = (Math.min(g, d) << 32) + 2 * Math.max(g, d) + (g > d ? 1 : 0); // RFC 8445 §6.1.2.3
        }
    }

    private static final class Tx {
        final long id;
        final Kind kind;
        final Transport transport;
        final Outgoing packet;
        final Pair pair;
        final long checkPriority;
        int sent;
        long rto;
        long nextAt;

        Tx(long id, Kind kind, Transport transport, Outgoing packet, Pair pair, long checkPriority) {
            this.id = id;
            this.kind = kind;
            this.transport = transport;
            this.packet = packet;
            this.pair = pair;
            this.checkPriority = checkPriority;
        }
    }

    private final Config cfg;
    private final InetSocketAddress hostAddress;
    private final InetSocketAddress server;
    private final boolean controlling;
    private final Candidate host;
    private final List<Candidate> locals = new ArrayList<>(4);
    private final List<Candidate> remotes = new ArrayList<>(6);
    private final List<Pair> pairs = new ArrayList<>(12); // highest priority first
    private final ArrayDeque<Pair> triggered = new ArrayDeque<>();
    private final List<Tx> txs = new ArrayList<>(8);
    private final ArrayDeque<Outgoing> out = new ArrayDeque<>();
    private final Set<InetAddress> permitted = new HashSet<>(4);
    private Candidate relay;
    private long nextTx = 1;
    private int gatheringPending = -1; // -1: not started
    private boolean gatheredReported;
    private boolean remoteKnown;
    private boolean checking;
    private long nextCheckAt;
    private long deadline = Long.MAX_VALUE;
    private Pair selected;
    private Outcome outcome;
    private boolean closed;

    public IceAgent(Config cfg, InetSocketAddress hostAddress, InetSocketAddress server, boolean controlling) {
        this.cfg = cfg;
        this.hostAddress = hostAddress;
        this.server = server;
        this.controlling = controlling;
        this.host = Candidate.of(CandidateType.HOST, hostAddress, false);
    }

    // ------------------------------------------------------------------ inputs

    /** Starts gathering: STUN Binding and Allocate (UDP) to the server. */
    public void start(long now) {
        if (gatheringPending >= 0) throw new IllegalStateException("already started");
        locals.add(host);
        gatheringPending = 2;
        request(now, Kind.STUN, Transport.UDP, id -> new Packet.Binding(id, false, 0));
        request(now, Kind.ALLOCATE_UDP, Transport.UDP, Packet.Allocate::new);
    }

    /** The peer's candidates, from the offer or answer (signalling, outside the devices). */
    public void setRemote(long now, List<Candidate> candidates) {
        if (remoteKnown) throw new IllegalStateException("remote candidates already set");
        remoteKnown = true;
        for (Candidate c : candidates) addRemote(now, c);
        maybeStartChecks(now);
    }

    /** A packet that reached the agent's socket from {@code from}. */
    public void handle(long now, Transport transport, InetSocketAddress from, Packet p) {
        if (closed) return;
        if (from.equals(server)) {
            if (p instanceof Packet.Data d) fromPeer(now, true, d.peer(), d.data());
            else fromServer(now, p);
        } else if (transport == Transport.UDP) {
            fromPeer(now, false, from, p);
        }
        maybeFinish(now);
    }

    public void handleTimeout(long now) {
        if (closed) return;
        for (int i = 0; i < txs.size(); i++) {
            Tx t = txs.get(i);
            if (t.nextAt > now) continue;
            if (t.sent < (t.transport == Transport.TCP ? 1 : cfg.transmissions())) {
                transmit(now, t);
            } else {
                txs.remove(i--);
                expired(now, t);
            }
        }
        if (checking && now >= nextCheckAt) {
            Pair p = nextPair();
            if (p != null) {
                check(now, p);
                nextCheckAt = now + cfg.taMs();
            }
        }
        maybeFinish(now);
    }

    /** Ends the agent: releases its relay allocation (RFC 8656 §7.2, lifetime 0) and stops every timer. */
    public void close(long now) {
        if (closed) return;
        closed = true;
        txs.clear();
        if (relay != null) out.add(new Outgoing(relayTransport(), hostAddress, server, new Packet.Release()));
    }

    // ------------------------------------------------------------------ outputs

    public Outgoing pollTransmit() {
        return out.poll();
    }

    /** The next instant the agent wants {@link #handleTimeout}, or {@code Long.MAX_VALUE}. */
    public long pollTimeout() {
        if (closed) return Long.MAX_VALUE;
        long t = Long.MAX_VALUE;
        for (Tx x : txs) t = Math.min(t, x.nextAt);
        if (checking && outcome == null) {
            t = Math.min(t, deadline);
            if (nextPairExists()) t = Math.min(t, nextCheckAt);
        }
        return t;
    }

    /** Once, when gathering has finished: the candidates to put in the offer or answer. */
    public List<Candidate> pollGathered() {
        if (gatheringPending != 0 || gatheredReported) return null;
        gatheredReported = true;
        return List.copyOf(locals);
    }

    /** The controlling agent's verdict, or null while checks go on (always null when controlled). */
    public Outcome result() {
        return outcome;
    }

    /** The selected pair's local and remote candidates, or null. */
    public List<Candidate> selectedPair() {
        return selected == null ? null : List.of(selected.validLocal, selected.remote);
    }

    // ------------------------------------------------------------------ gathering

    private interface PacketFor {
        Packet make(long txId);
    }

    private void request(long now, Kind kind, Transport transport, PacketFor make) {
        long id = nextTx++;
        Tx t = new Tx(id, kind, transport, new Outgoing(transport, hostAddress, server, make.make(id)), null, 0);
        txs.add(t);
        transmit(now, t);
    }

    private void fromServer(long now, Packet p) {
        if (p instanceof Packet.BindingOk ok) {
            Tx t = take(ok.tx(), Kind.STUN);
            if (t == null) return;
            if (!ok.mapped().equals(hostAddress) && findLocal(ok.mapped()) == null) {
                locals.add(Candidate.of(CandidateType.SERVER_REFLEXIVE, ok.mapped(), false));
            }
            gathered(now);
        } else if (p instanceof Packet.AllocateOk ok) {
            Tx t = take(ok.tx(), Kind.ALLOCATE_UDP);
            if (t == null) t = take(ok.tx(), Kind.ALLOCATE_TCP);
            if (t == null || relay != null) return;
            relay = Candidate.of(CandidateType.RELAYED, ok.relayed(), t.kind == Kind.ALLOCATE_TCP);
            locals.add(relay);
            gathered(now);
        } else if (p instanceof Packet.PermitOk ok) {
            take(ok.tx(), Kind.PERMIT);
        }
    }

    private void expired(long now, Tx t) {
        switch (t.kind) {
            case STUN, ALLOCATE_TCP -> gathered(now);
            case ALLOCATE_UDP -> request(now, Kind.ALLOCATE_TCP, Transport.TCP, Packet.Allocate::new); // UDP blocked? try TCP
            case CHECK -> t.pair.state = State.FAILED;
            case PERMIT -> { } // checks through the relay will fail on their own
        }
    }

    private void gathered(long now) {
        gatheringPending--;
        maybeStartChecks(now);
    }

    // ------------------------------------------------------------------ checks

    private void maybeStartChecks(long now) {
        if (checking || gatheringPending != 0 || !remoteKnown) return;
        checking = true;
        nextCheckAt = now;
        deadline = now + cfg.timeoutMs();
        for (Candidate r : remotes) {
            pairWith(host, r);
            if (relay != null) pairWith(relay, r);
        }
        permit(now);
    }

    private void addRemote(long now, Candidate c) {
        for (Candidate r : remotes) if (r.address().equals(c.address())) return;
        remotes.add(c);
        if (checking) permit(now);
    }

    /** RFC 8445 §6.1.2.5 / RFC 8656 §9: permissions on the relay for every remote address not yet permitted. */
    private void permit(long now) {
        if (relay == null) return;
        List<InetAddress> add = new ArrayList<>();
        for (Candidate r : remotes) {
            if (permitted.add(r.address().getAddress())) add.add(r.address().getAddress());
        }
        if (!add.isEmpty()) request(now, Kind.PERMIT, relayTransport(), id -> new Packet.Permit(id, List.copyOf(add)));
    }

    private Pair pairWith(Candidate base, Candidate remote) {
        for (Pair p : pairs) if (p.base == base && p.remote.address().equals(remote.address())) return p;
        Pair p = new Pair(base, remote, controlling);
        int i = 0;
        while (i < pairs.size() && pairs.get(i).priority >= p.priority) i++;
        pairs.add(i, p);
        return p;
    }

    private boolean nextPairExists() {
        for (Pair p : triggered) if (p.state == State.WAITING) return true;
        for (Pair p : pairs) if (p.state == State.WAITING) return true;
        return false;
    }

    private Pair nextPair() {
        for (Pair p; (p = triggered.poll()) != null; ) if (p.state == State.WAITING) return p;
        for (Pair p : pairs) if (p.state == State.WAITING) return p;
        return null;
    }

    private void check(long now, Pair p) {
        p.state = State.IN_PROGRESS;
        long id = nextTx++;
        int localPreference = (int) ((p.base.priority() >>> 8) & 0xFFFF);
        long prflxPriority = Candidate.priority(CandidateType.PEER_REFLEXIVE, localPreference); // §7.1.1 PRIORITY
        Packet binding = new Packet.Binding(id, true, prflxPriority);
        Tx t = new Tx(id, Kind.CHECK, Transport.UDP, toPeer(p.base.relayed(), p.remote.address(), binding), p, prflxPriority);
        txs.add(t);
        transmit(now, t);
    }

    private Outgoing toPeer(boolean viaRelay, InetSocketAddress peer, Packet p) {
        if (viaRelay) return new Outgoing(relayTransport(), hostAddress, server, new Packet.Send(peer, p));
        return new Outgoing(Transport.UDP, hostAddress, peer, p);
    }

    private void fromPeer(long now, boolean viaRelay, InetSocketAddress peer, Packet p) {
        if (viaRelay && relay == null) return;
        Candidate base = viaRelay ? relay : host;
        if (p instanceof Packet.Binding b && b.check()) {
            out.add(toPeer(viaRelay, peer, new Packet.BindingOk(b.tx(), peer))); // §7.3.1: answer with the source seen
            Candidate remote = null;
            for (Candidate r : remotes) if (r.address().equals(peer)) remote = r;
            if (remote == null) { // §7.3.1.3: a peer-reflexive remote candidate with the request's PRIORITY
                remote = new Candidate(CandidateType.PEER_REFLEXIVE, peer, b.priority(), false);
                addRemote(now, remote);
            }
            Pair pair = pairWith(base, remote);
            if (pair.state == State.WAITING || pair.state == State.FAILED) { // §7.3.1.4 triggered check
                pair.state = State.WAITING;
                triggered.add(pair);
                if (checking) nextCheckAt = Math.max(nextCheckAt, now);
            }
        } else if (p instanceof Packet.BindingOk ok) {
            Tx t = take(ok.tx(), Kind.CHECK);
            if (t == null) return;
            Pair pair = t.pair;
            if (pair.base != base || !pair.remote.address().equals(peer)) { // §7.2.5.2.1 non-symmetric
                pair.state = State.FAILED;
                return;
            }
            Candidate local = findLocal(ok.mapped());
            if (local == null) { // §7.2.5.3.1: a peer-reflexive local candidate
                local = new Candidate(CandidateType.PEER_REFLEXIVE, ok.mapped(), t.checkPriority, false);
                locals.add(local);
            }
            pair.state = State.SUCCEEDED;
            pair.validLocal = local;
        }
    }

    private void maybeFinish(long now) {
        if (!controlling || !checking || outcome != null) return;
        Pair best = null;
        for (Pair p : pairs) {
            if (p.state == State.SUCCEEDED) {
                best = p;
                break;
            }
        }
        boolean pendingAbove = false;
        for (Pair p : pairs) {
            if (best != null && p.priority <= best.priority) break;
            if (p.state == State.WAITING || p.state == State.IN_PROGRESS) pendingAbove = true;
        }
        if (pendingAbove && now < deadline) return;
        selected = best;
        outcome = best == null ? Outcome.FAILED : classify(best.validLocal, best.remote);
    }

    static Outcome classify(Candidate local, Candidate remote) {
        if (local.relayed() && local.overTcp() || remote.relayed() && remote.overTcp()) return Outcome.RELAY_TCP;
        if (local.relayed() || remote.relayed()) return Outcome.RELAY_UDP;
        return Outcome.DIRECT;
    }

    // ------------------------------------------------------------------ helpers

    private void transmit(long now, Tx t) {
        t.rto = t.sent == 0 ? cfg.rtoMs() : t.rto * 2;
        t.sent++;
        long wait = t.transport == Transport.TCP ? cfg.rtoMs() * ((1L << cfg.transmissions()) - 1) : t.rto;
        t.nextAt = now + wait;
        out.add(t.packet);
    }

    private Tx take(long id, Kind kind) {
        for (int i = 0; i < txs.size(); i++) {
            Tx t = txs.get(i);
            if (t.id == id && t.kind == kind) return txs.remove(i);
        }
        return null;
    }

    private Candidate findLocal(InetSocketAddress a) {
        for (Candidate c : locals) if (c.address().equals(a)) return c;
        return null;
    }

    private Transport relayTransport() {
        return relay != null && relay.overTcp() ? Transport.TCP : Transport.UDP;
    }
}
