package io.peerdial.simulator.relay;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.relay.admission.AdmissionPolicy;
import io.peerdial.relay.admission.AdmissionRequest;
import io.peerdial.relay.admission.AdmissionRules;
import io.peerdial.relay.admission.Decision;
import io.peerdial.relay.admission.RelayCaps;
import io.peerdial.relay.admission.RelayLoad;
import io.peerdial.relay.credit.CreditPolicy;
import io.peerdial.simulator.experiment.Experiment;
import io.peerdial.simulator.experiment.ExperimentException;
import io.peerdial.simulator.ice.Outcome;
import io.peerdial.simulator.net.NodeMix;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The relay-load layer on top of the nat-mix model (docs/SIMULATOR.md, "relay-load"): the
 * packet-level ICE run decides whether a call needs a relay; this model decides which public node
 * carries it, for how long, and settles the bytes in an in-simulation ledger.
 *
 * <p>Every PUBLIC node is a relay unless it is one of the {@code relay.freeRiders}, which give
 * nothing ({@link RelayCaps#none()}) and so publish no advert: nobody asks them. The caller asks
 * its {@code relay.tries} nearest relays by RTT, in order, until one admits: {@code naive} admits
 * below the hard maximum {@code relay.naiveMaxSessions}; {@code incentive} asks the relay module's
 * {@link AdmissionPolicy} with the caller's ledger balance. A relayed call nobody admits fails.
 */
public final class RelayLoadModel {

    /** Requester classes reported separately: the "how much do free-riders get" question. */
    enum Requester { NATTED, CONTRIBUTOR, FREE_RIDER }

    private record Session(long endMs, long seq, int relay, int client, long bytes) {}

    private final boolean incentive;
    private final int tries;
    private final int naiveMax;
    private final long bytesPerSecond;
    private final double meanCallMs;
    private final SplittableRandom durations;
    private final NodeMix[] kind;
    private final boolean[] freeRider;
    private final int[] relays; // contributing public nodes, ascending index
    private final int[][] nearest; // per requester, lazily: its nearest relays by RTT
    private final IntBinaryRtt rtt;
    private final AdmissionPolicy policy;
    private final SimLedger ledger;
    private final NodeId[] ids;
    private final int[] sessions, peakSessions, sessionCount, refusals;
    private final long[] bytes;
    private final double[] sessionSeconds;
    private final Map<Long, Integer> perRequester = new HashMap<>();
    private final PriorityQueue<Session> open =
            new PriorityQueue<>(Comparator.comparingLong(Session::endMs).thenComparingLong(Session::seq));
    private final long[] requested = new long[Requester.values().length];
    private final long[] admitted = new long[Requester.values().length];
    private final long[] bytesReceived = new long[Requester.values().length];
    private long seq;

    /** RTT between two node indexes (the model's {@code CoordinateLatency.rttMs}). */
    @FunctionalInterface
    public interface IntBinaryRtt {
        double rttMs(int a, int b);
    }

    public RelayLoadModel(Experiment exp, NodeMix[] kind, IntBinaryRtt rtt, SplittableRandom random) {
        String name = exp.text("relay.policy");
        if (name.equals("none")) throw new IllegalArgumentException("relay.policy none has no relay-load model");
        this.incentive = name.equals("incentive");
        this.kind = kind;
        this.rtt = rtt;
        this.tries = exp.integer("relay.tries");
        this.naiveMax = exp.integer("relay.naiveMaxSessions");
        this.bytesPerSecond = exp.integer("relay.bytesPerSecond");
        this.meanCallMs = exp.decimal("relay.callSeconds") * 1000;
        SplittableRandom riders = random.split();
        this.durations = random.split();
        int n = kind.length;
        freeRider = new boolean[n];
        List<Integer> publics = new ArrayList<>();
        for (int i = 0; i < n; i++) if (kind[i] == NodeMix.PUBLIC) publics.add(i);
        // exactly round(fraction × public nodes) free riders, a seeded choice among the public nodes
        int riderCount = (int) Math.round(exp.decimal("relay.freeRiders") * publics.size());
        List<Integer> pool = new ArrayList<>(publics);
        for (int r = 0; r < riderCount; r++) freeRider[pool.remove(riders.nextInt(pool.size()))] = true;
        relays = publics.stream().filter(i -> !freeRider[i]).mapToInt(Integer::intValue).toArray();
        if (relays.length == 0) {
            throw new ExperimentException("relay.policy", "relay.policy " + name + " needs at least one public node that relays: "
                    + publics.size() + " public nodes, " + riderCount + " of them free riders (mix.PUBLIC, relay.freeRiders)");
        }
        nearest = new int[n][];
        long perSession = bytesPerSecond;
        int cap = exp.integer("relay.maxSessions");
        AdmissionRules defaults = AdmissionRules.defaults();
        // both MB values are >= 0 (Parameters), so the rules' "full-load bar >= -allowance" always holds
        AdmissionRules rules = new AdmissionRules(mb(exp.decimal("relay.newcomerAllowanceMb")), exp.decimal("relay.freeBelow"),
                mb(exp.decimal("relay.balanceAtFullLoadMb")), defaults.unfundedPerPrefix(), false);
        policy = new AdmissionPolicy(new RelayCaps(cap, cap * perSession, perSession, exp.integer("relay.perRequester")), rules);
        ledger = new SimLedger(n, CreditPolicy.defaults());
        ids = new NodeId[n];
        sessions = new int[n];
        peakSessions = new int[n];
        sessionCount = new int[n];
        refusals = new int[n];
        bytes = new long[n];
        sessionSeconds = new double[n];
    }

    /**
     * A call between {@code caller} and {@code callee} ended ICE with {@code outcome} at {@code now}.
     * Returns the outcome to record: unchanged, or {@link Outcome#FAILED} for a relayed call no relay admitted.
     */
    public Outcome place(long now, int caller, int callee, Outcome outcome) {
        release(now);
        if (outcome != Outcome.RELAY_UDP && outcome != Outcome.RELAY_TCP) return outcome;
        // drawn for every relayed call, before selection: both policies see the same sessions
        long durationMs = Math.max(1, Math.round(-meanCallMs * Math.log(1 - durations.nextDouble())));
        long sessionBytes = Math.round(durationMs / 1000.0 * bytesPerSecond);
        Requester cls = classOf(caller);
        requested[cls.ordinal()]++;
        int[] order = nearestRelays(caller);
        for (int relay : order) {
            if (admits(relay, caller)) {
                admitted[cls.ordinal()]++;
                bytesReceived[cls.ordinal()] += sessionBytes;
                sessions[relay]++;
                peakSessions[relay] = Math.max(peakSessions[relay], sessions[relay]);
                sessionCount[relay]++;
                bytes[relay] += sessionBytes;
                sessionSeconds[relay] += durationMs / 1000.0;
                perRequester.merge(pairKey(relay, caller), 1, Integer::sum);
                open.add(new Session(now + durationMs, seq++, relay, caller, sessionBytes));
                return outcome;
            }
            refusals[relay]++;
        }
        return Outcome.FAILED;
    }

    /** Ends every session still open (call after the run, before reading the ledger). */
    public void finish() {
        release(Long.MAX_VALUE);
    }

    private boolean admits(int relay, int requester) {
        if (!incentive) return sessions[relay] < naiveMax;
        int held = perRequester.getOrDefault(pairKey(relay, requester), 0);
        long balance = ledger.balance(requester);
        AdmissionRequest r = new AdmissionRequest(id(requester), balance, "node-" + requester, false);
        // each node has its own /24 in the model, so its prefix's unfunded sessions here are its own
        Decision d = policy.decide(new RelayLoad(sessions[relay], 0), r, held, balance <= 0 ? held : 0);
        return d instanceof Decision.Admit;
    }

    private void release(long upTo) {
        while (!open.isEmpty() && open.peek().endMs() <= upTo) {
            Session s = open.poll();
            sessions[s.relay()]--;
            perRequester.merge(pairKey(s.relay(), s.client()), -1, Integer::sum);
            ledger.settle(s.relay(), s.client(), s.bytes());
        }
    }

    private int[] nearestRelays(int requester) {
        int[] cached = nearest[requester];
        if (cached != null) return cached;
        List<Integer> all = new ArrayList<>(relays.length);
        for (int r : relays) if (r != requester) all.add(r);
        all.sort(Comparator.<Integer>comparingDouble(r -> rtt.rttMs(requester, r)).thenComparingInt(r -> r));
        int[] out = all.stream().limit(tries).mapToInt(Integer::intValue).toArray();
        nearest[requester] = out;
        return out;
    }

    private NodeId id(int node) {
        NodeId id = ids[node];
        if (id == null) {
            id = NodeId.sha256Prefix(ByteBuffer.allocate(4).putInt(node).array()); // stable, distinct per node
            ids[node] = id;
        }
        return id;
    }

    private Requester classOf(int node) {
        if (kind[node] != NodeMix.PUBLIC) return Requester.NATTED;
        return freeRider[node] ? Requester.FREE_RIDER : Requester.CONTRIBUTOR;
    }

    private static long pairKey(int relay, int client) {
        return ((long) relay << 32) | (client & 0xFFFFFFFFL);
    }

    private static long mb(double megabytes) {
        return Math.round(megabytes * 1_000_000);
    }

    // ---------------------------------------------------------------- results

    /** Public nodes (relays and free riders) in ascending index order. */
    public int[] publicNodes() {
        List<Integer> p = new ArrayList<>();
        for (int i = 0; i < kind.length; i++) if (kind[i] == NodeMix.PUBLIC) p.add(i);
        return p.stream().mapToInt(Integer::intValue).toArray();
    }

    public boolean isFreeRider(int node) { return freeRider[node]; }
    public long bytesRelayed(int node) { return bytes[node]; }
    public double sessionSeconds(int node) { return sessionSeconds[node]; }
    public int sessionsRelayed(int node) { return sessionCount[node]; }
    public int peakSessions(int node) { return peakSessions[node]; }
    public int refusals(int node) { return refusals[node]; }
    public long balance(int node) { return ledger.balance(node); }

    /** The {@code relay} object of summary.json (definitions in docs/SIMULATOR.md). */
    public Map<String, Object> summary(String policyName) {
        int[] pub = publicNodes();
        double[] load = new double[pub.length];
        for (int i = 0; i < pub.length; i++) load[i] = bytes[pub[i]];
        Map<String, Object> loadMap = new LinkedHashMap<>();
        loadMap.put("measure", "bytesRelayed per public node");
        loadMap.put("gini", round(LoadStats.gini(load)));
        loadMap.put("maxOverMean", round(LoadStats.maxOverMean(load)));
        Map<String, Object> requesters = new LinkedHashMap<>();
        for (Requester r : Requester.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("relayedCalls", requested[r.ordinal()]);
            m.put("admitted", admitted[r.ordinal()]);
            m.put("admittedShare", requested[r.ordinal()] == 0 ? 0.0 : round(admitted[r.ordinal()] / (double) requested[r.ordinal()]));
            m.put("bytesReceived", bytesReceived[r.ordinal()]);
            requesters.put(switch (r) {
                case NATTED -> "natted";
                case CONTRIBUTOR -> "contributors";
                case FREE_RIDER -> "freeRiders";
            }, m);
        }
        long req = 0, adm = 0;
        for (int i = 0; i < requested.length; i++) {
            req += requested[i];
            adm += admitted[i];
        }
        Map<String, Object> relay = new LinkedHashMap<>();
        relay.put("policy", policyName);
        relay.put("publicNodes", pub.length);
        relay.put("relays", relays.length);
        relay.put("freeRiders", pub.length - relays.length);
        relay.put("relayedCalls", req);
        relay.put("refusedShare", req == 0 ? 0.0 : round((req - adm) / (double) req));
        relay.put("load", loadMap);
        relay.put("requesters", requesters);
        return Map.of("relay", relay);
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

}
