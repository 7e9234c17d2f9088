package io.peerdial.simulator.engine;

import io.peerdial.simulator.experiment.Experiment;
import io.peerdial.simulator.experiment.ExperimentException;
import io.peerdial.simulator.ice.Candidate;
import io.peerdial.simulator.ice.IceAgent;
import io.peerdial.simulator.ice.Outcome;
import io.peerdial.simulator.ice.Outgoing;
import io.peerdial.simulator.ice.Packet;
import io.peerdial.simulator.ice.StunRelayServer;
import io.peerdial.simulator.metrics.CallMetrics;
import io.peerdial.simulator.net.CoordinateLatency;
import io.peerdial.simulator.net.NodeDevice;
import io.peerdial.simulator.net.NodeMix;
import io.peerdial.simulator.net.Transport;
import io.peerdial.simulator.relay.RelayLoadModel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The nat-mix model (docs/SIMULATOR.md): calls between random node pairs, each set up by two
 * {@link IceAgent}s whose every packet crosses the nodes' {@link NodeDevice}s on the same
 * {@link EventHeap} and latency model as the overlay simulation. Public STUN/relay servers
 * ({@link StunRelayServer}) are extra public nodes after the {@code nodes} call endpoints. The
 * overlay itself is not run: a call's offer and answer travel out of band with one one-way delay
 * between the two nodes (as through the overlay's rendezvous), and do not cross the devices.
 *
 * <p>Addresses: node {@code i}'s public IP is {11 + i/65536}.{i/256 % 256}.{i % 256}.1 (its NAT's
 * address when it has one); a node behind a device has the private host IP 10.{…}.{…}.1, which the
 * network never routes. Each call side gets its own local port on its node.
 */
public final class ConnectivitySimulation {

    static final int CALL = 0, DELIVER = 1, TIMER = 2, OFFER = 3, ANSWER = 4;

    private final int nodes;
    private final int calls;
    private final long spacingMs;
    private final IceAgent.Config ice;
    private final double loss;
    private final SplittableRandom netRandom, workRandom;
    private final CoordinateLatency latency;
    private final NodeMix[] kind;
    private final NodeDevice[] devices;
    private final InetAddress[] hostIp;
    private final StunRelayServer[] servers;
    private final int[] nextPort;
    private final Map<Long, Slot> sockets = new HashMap<>();
    private final EventHeap heap = new EventHeap(1024);
    private final CallMetrics metrics = new CallMetrics();
    private final RelayLoadModel relayLoad; // null unless relay.policy is naive or incentive
    private long now;
    private long events;
    private long packets;
    private int started;

    private record Datagram(Transport transport, InetSocketAddress from, InetSocketAddress to, Packet packet) {}

    private static final class Call {
        final int a, b;
        Slot caller, callee;
        List<Candidate> offer;
        boolean over;

        Call(int a, int b) {
            this.a = a;
            this.b = b;
        }
    }

    /** One call side: an agent on a node's local port, with its one live timer entry. */
    private static final class Slot {
        final int node;
        final int port;
        final Call call;
        final IceAgent agent;
        long armedAt = Long.MAX_VALUE;

        Slot(int node, int port, Call call, IceAgent agent) {
            this.node = node;
            this.port = port;
            this.call = call;
            this.agent = agent;
        }
    }

    public ConnectivitySimulation(Experiment exp) {
        nodes = exp.integer("nodes");
        if (nodes < 2) throw new ExperimentException("nodes", "nat-mix needs at least 2 nodes, got " + nodes);
        calls = exp.integer("calls");
        double[] mix = mixFractions(exp);
        int serverCount = exp.integer("connectivity.servers");
        SplittableRandom root = new SplittableRandom(exp.longValue("seed"));
        netRandom = root.split();
        workRandom = root.split();
        SplittableRandom natRandom = root.split();
        SplittableRandom coordRandom = root.split();
        spacingMs = Math.max(1, Math.round(exp.decimal("duration") * 1000 / calls));
        ice = new IceAgent.Config(exp.integer("ice.taMs"), exp.integer("ice.rtoMs"), exp.integer("ice.transmissions"),
                Math.round(exp.decimal("ice.timeoutSeconds") * 1000));
        loss = exp.decimal("network.loss");
        int total = nodes + serverCount;
        latency = new CoordinateLatency(exp.integer("network.dimensions"), exp.integer("network.clusters"),
                exp.decimal("network.accessMeanMs"), exp.decimal("network.jitterMs"), coordRandom);
        for (int i = 0; i < total; i++) latency.place(i, coordRandom);
        latency.calibrate(total, exp.decimal("network.rttMedianMs"), coordRandom);

        kind = assignKinds(mix, natRandom);
        devices = new NodeDevice[total];
        hostIp = new InetAddress[total];
        long bindingMs = Math.round(exp.decimal("nat.bindingSeconds") * 1000);
        double preserve = exp.decimal("nat.portPreservation");
        for (int i = 0; i < total; i++) {
            NodeMix k = i < nodes ? kind[i] : NodeMix.PUBLIC;
            SplittableRandom r = natRandom.split();
            devices[i] = k.device(ip(11, i), bindingMs, r.nextDouble() < preserve, r);
            hostIp[i] = devices[i] == null ? ip(11, i) : privateIp(i);
        }
        servers = new StunRelayServer[serverCount];
        for (int s = 0; s < serverCount; s++) servers[s] = new StunRelayServer(ip(11, nodes + s));
        nextPort = new int[nodes];
        // split last, so that the streams above (and nat-mix results) do not depend on relay.policy
        relayLoad = exp.text("relay.policy").equals("none") ? null
                : new RelayLoadModel(exp, kind, latency::rttMs, root.split());
        for (int c = 0; c < calls; c++) heap.add(c * spacingMs, CALL, null);
    }

    /** Runs every call to its outcome. */
    public void run(Simulation.Progress progress) {
        long endGuess = (calls - 1) * spacingMs + ice.timeoutMs();
        while (!heap.isEmpty()) {
            long t = heap.peekTime();
            int k = (int) heap.peekTag();
            Object payload = heap.peekPayload();
            heap.removeFirst();
            now = t;
            if (dispatch(k, payload) && (++events & 0xFFFF) == 0 && progress != null) progress.onProgress(now, endGuess, events);
        }
        if (relayLoad != null) relayLoad.finish();
    }

    private boolean dispatch(int k, Object payload) {
        switch (k) {
            case CALL -> startCall();
            case DELIVER -> deliver((Datagram) payload);
            case TIMER -> {
                Slot s = (Slot) payload;
                if (s.call.over || s.armedAt != now) return false; // superseded
                s.armedAt = Long.MAX_VALUE;
                s.agent.handleTimeout(now);
                drain(s);
            }
            case OFFER -> {
                Call c = (Call) payload;
                if (c.over) return true;
                c.callee = open(c.b, c, false);
                c.callee.agent.start(now);
                drain(c.callee);
            }
            case ANSWER -> {
                Call c = (Call) payload;
                if (c.over) return true;
                c.caller.agent.setRemote(now, c.offer); // the answer
                drain(c.caller);
            }
            default -> throw new IllegalStateException("unknown event kind " + k);
        }
        return true;
    }

    private void startCall() {
        int a = workRandom.nextInt(nodes);
        int b = workRandom.nextInt(nodes - 1);
        if (b >= a) b++; // uniformly random ordered pair of distinct nodes
        Call c = new Call(a, b);
        started++;
        c.caller = open(a, c, true);
        c.caller.agent.start(now);
        drain(c.caller);
    }

    private Slot open(int node, Call call, boolean controlling) {
        int port;
        do {
            port = 20000 + (nextPort[node]++ % 40000);
        } while (sockets.containsKey(socketKey(node, port)));
        StunRelayServer server = servers[workRandom.nextInt(servers.length)];
        IceAgent agent = new IceAgent(ice, new InetSocketAddress(hostIp[node], port), server.address(), controlling);
        Slot s = new Slot(node, port, call, agent);
        sockets.put(socketKey(node, port), s);
        return s;
    }

    /** Sends what the agent wants sent, passes candidates to signalling, scores the outcome, arms the timer. */
    private void drain(Slot s) {
        IceAgent agent = s.agent;
        Call c = s.call;
        for (Outgoing o; (o = agent.pollTransmit()) != null; ) route(s.node, o);
        List<Candidate> gathered = agent.pollGathered();
        if (gathered != null) {
            long signal = latency.oneWayMs(c.a, c.b, netRandom);
            if (s == c.caller) {
                c.offer = gathered;
                heap.add(now + signal, OFFER, c);
            } else {
                agent.setRemote(now, c.offer);
                c.offer = gathered; // now the answer
                heap.add(now + signal, ANSWER, c);
                for (Outgoing o; (o = agent.pollTransmit()) != null; ) route(s.node, o);
            }
        }
        Outcome outcome = s == c.caller ? agent.result() : null;
        if (outcome != null && !c.over) {
            end(c, outcome);
            return;
        }
        long deadline = agent.pollTimeout();
        if (deadline != Long.MAX_VALUE && deadline < s.armedAt) {
            s.armedAt = Math.max(deadline, now);
            heap.add(s.armedAt, TIMER, s);
        }
    }

    private void end(Call c, Outcome outcome) {
        c.over = true;
        if (relayLoad != null) outcome = relayLoad.place(now, c.a, c.b, outcome); // may refuse: FAILED
        metrics.record(kind[c.a], kind[c.b], outcome);
        for (Slot s : new Slot[] {c.caller, c.callee}) {
            if (s == null) continue;
            s.agent.close(now);
            for (Outgoing o; (o = s.agent.pollTransmit()) != null; ) route(s.node, o);
            sockets.remove(socketKey(s.node, s.port));
        }
    }

    /** A packet leaves {@code src}: through its device, then over the network (lost or delayed). */
    private void route(int src, Outgoing o) {
        packets++;
        InetSocketAddress from = o.source();
        if (devices[src] != null) {
            from = devices[src].outbound(now, o.transport(), o.source(), o.destination());
            if (from == null) return; // the device drops it (UDP blocked)
        }
        int dst = publicIndex(o.destination());
        if (dst < 0) return; // a private address: not routable on the simulated Internet
        if (o.transport() == Transport.UDP && loss > 0 && netRandom.nextDouble() < loss) return; // TCP is reliable
        heap.add(now + latency.oneWayMs(src, dst, netRandom), DELIVER, new Datagram(o.transport(), from, o.destination(), o.packet()));
    }

    private void deliver(Datagram d) {
        int node = publicIndex(d.to());
        if (node >= nodes) {
            StunRelayServer server = servers[node - nodes];
            server.handle(now, d.transport(), d.from(), d.to(), d.packet());
            for (Outgoing o; (o = server.pollTransmit()) != null; ) route(node, o);
            return;
        }
        InetSocketAddress internal = devices[node] == null ? d.to() : devices[node].inbound(now, d.transport(), d.from(), d.to());
        if (internal == null) return; // filtered, or no binding
        Slot s = sockets.get(socketKey(node, internal.getPort()));
        if (s == null || s.call.over) return; // nobody listens there any more
        s.agent.handle(now, d.transport(), d.from(), d.packet());
        drain(s);
    }

    // ---------------------------------------------------------------- set-up helpers

    /** The mix.* fractions, in {@link NodeMix} order; they must sum to 1. */
    static double[] mixFractions(Experiment exp) {
        NodeMix[] all = NodeMix.values();
        double[] f = new double[all.length];
        double sum = 0;
        StringBuilder given = new StringBuilder();
        for (NodeMix m : all) {
            f[m.ordinal()] = exp.decimal("mix." + m.name());
            sum += f[m.ordinal()];
            given.append(given.length() == 0 ? "" : ", ").append("mix.").append(m.name()).append('=').append(f[m.ordinal()]);
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new ExperimentException("mix", "mix fractions must sum to 1, they sum to " + sum + " (" + given + ")");
        }
        return f;
    }

    /** Exactly round(fraction × nodes) nodes of each kind (largest remainder), shuffled over the indexes. */
    private NodeMix[] assignKinds(double[] mix, SplittableRandom r) {
        NodeMix[] all = NodeMix.values();
        int[] count = new int[all.length];
        int assigned = 0;
        for (int i = 0; i < all.length; i++) {
            count[i] = (int) Math.floor(mix[i] * nodes);
            assigned += count[i];
        }
        while (assigned < nodes) { // largest remainder first, ties by declaration order
            int best = -1;
            double bestRem = -1;
            for (int i = 0; i < all.length; i++) {
                double rem = mix[i] * nodes - count[i];
                if (mix[i] > 0 && rem > bestRem) {
                    bestRem = rem;
                    best = i;
                }
            }
            count[best]++;
            assigned++;
        }
        NodeMix[] k = new NodeMix[nodes];
        int at = 0;
        for (int i = 0; i < all.length; i++) for (int j = 0; j < count[i]; j++) k[at++] = all[i];
        for (int i = nodes - 1; i > 0; i--) { // Fisher–Yates
            int j = r.nextInt(i + 1);
            NodeMix t = k[i];
            k[i] = k[j];
            k[j] = t;
        }
        return k;
    }

    private static long socketKey(int node, int port) {
        return ((long) node << 16) | port;
    }

    private static InetAddress ip(int firstOctet, int i) {
        if (i >= (255 - 11) << 16) throw new IllegalStateException("address space exhausted at node " + i);
        byte[] b = {(byte) (firstOctet + (i >>> 16)), (byte) (i >>> 8), (byte) i, 1};
        try {
            return InetAddress.getByAddress(b); // never resolves: no IO
        } catch (UnknownHostException e) {
            throw new AssertionError("a 4-byte address is always valid", e);
        }
    }

    /** 10.{i/65536}.{i/256 % 256}.{i % 256}: below the public range, never routed. */
    private static InetAddress privateIp(int i) {
        try {
            return InetAddress.getByAddress(new byte[] {10, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i});
        } catch (UnknownHostException e) {
            throw new AssertionError("a 4-byte address is always valid", e);
        }
    }

    /** The node owning public address {@code a}, or -1 (private or unknown). */
    private int publicIndex(InetSocketAddress a) {
        byte[] b = a.getAddress().getAddress();
        if (b.length != 4 || b[3] != 1 || (b[0] & 0xFF) < 11) return -1;
        int i = (((b[0] & 0xFF) - 11) << 16) | ((b[1] & 0xFF) << 8) | (b[2] & 0xFF);
        return i < devices.length ? i : -1;
    }

    public CallMetrics metrics() { return metrics; }
    /** The relay-load layer, or null when {@code relay.policy} is none. */
    public RelayLoadModel relayLoad() { return relayLoad; }
    public NodeMix kindOf(int node) { return kind[node]; }
    public long now() { return now; }
    public long events() { return events; }
    public long packets() { return packets; }
    public int callsStarted() { return started; }
}
