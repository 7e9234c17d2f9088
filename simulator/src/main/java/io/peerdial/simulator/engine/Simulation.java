package io.peerdial.simulator.engine;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.kademlia.OverlayConfig;
import io.peerdial.overlay.kademlia.OverlayEvent;
import io.peerdial.overlay.kademlia.OverlayNode;
import io.peerdial.overlay.storage.InMemoryStoragePolicy;
import io.peerdial.simulator.auth.SimIdentities;
import io.peerdial.simulator.churn.ChurnTrace;
import io.peerdial.simulator.churn.SessionTimes;
import io.peerdial.simulator.experiment.ExperimentException;
import io.peerdial.simulator.experiment.Experiment;
import io.peerdial.simulator.metrics.ClosestLive;
import io.peerdial.simulator.metrics.Metrics;
import io.peerdial.simulator.net.CoordinateLatency;
import io.peerdial.simulator.net.NodeDevice;
import io.peerdial.overlay.wire.Contact;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The discrete-event simulator: the real {@link OverlayNode} cores on a simulated Internet, driven
 * by a virtual clock. The longest class of the module: every kind of global event is dispatched here.
 *
 * <p>Theory of operation. An event is (time, tag, payload); the tag packs the kind and up to two
 * node indexes. Deliveries and timers belong to the receiving node's {@link Partition} (nodes are
 * split into partitions in blocks of 64 indexes), which runs them in windows of
 * {@link Partition#LOOKAHEAD_MS}, possibly in parallel (the {@link PartitionExecutor}). Global
 * events (arrivals, departures, workloads, samples) live in this class's own heap and run on one
 * thread between windows, before the partitions' events of the same instant. After every
 * interaction with a core (delivery, timer, API call) the core is drained: each {@code Transmit}
 * becomes a delivery event at {@code now + one-way delay} (or is lost), each {@link OverlayEvent}
 * is scored (between windows, in time order), and the core's {@code pollTimeout()} is armed. A node
 * has at most one <em>live</em> timer entry ({@link #timers}); a later deadline never queues a
 * second entry, an earlier one does, and superseded entries are skipped when they surface. A live
 * entry whose core meanwhile wants waking later (its requests were answered) is queued again for
 * that deadline, read from what the core said at its last drain, without waking the core.
 *
 * <p>Nodes are dense indexes; their addresses and shared contacts are {@link NodeAddresses}.
 *
 * <p>Determinism: one run seed feeds a {@link SplittableRandom} split into independent streams
 * (network, churn, workload, node cores, coordinates); the network's draws are a hash of the
 * network seed and the datagram's key; ties at one instant run in key order (global events in
 * scheduling order); nothing iterates a hash map. Same experiment and seed: the same run, whatever
 * the number of partitions and threads (runs with adversarial nodes use one partition: the
 * adversary's shared state sees every node).
 */
public final class Simulation {

    static final int DELIVER = 0, TIMER = 1, ARRIVE = 2, DEPART = 3, LOOKUP = 4, PUT = 5, GET = 6, SAMPLE = 7;
    static final byte ABSENT = 0, ONLINE = 1, JOINED = 2, GONE = 3;

    /** Called every 65,536 events so that a driver can show progress. */
    public interface Progress {
        void onProgress(long nowMs, long endMs, long events);
    }

    private final Experiment exp;
    private final OverlayConfig config;
    private final SplittableRandom churnRandom, workRandom, nodeRandoms, coordRandom;
    /** Seed of the network's draws (loss, jitter): see {@link Partition}. */
    final long netSeed;
    final Adversary adversary; // null without adversarial nodes
    final CoordinateLatency latency;
    private final SessionTimes sessions;
    private final boolean chainJoin; // join.bootstrap = chain: through the node that joined last
    private final boolean traced; // churn.model = trace: arrivals and departures come from the file, no replacements
    private final SimIdentities identities = new SimIdentities();
    private final ClosestLive truth = new ClosestLive();
    private final Metrics metrics = new Metrics();
    /** The global events; deliveries and timers are in the partitions' heaps. */
    private final EventHeap heap;
    private final Partition[] partitions;
    private final PartitionExecutor executor;
    /** End (exclusive) of the window the partitions are running; read by {@link #runWindow}. */
    private long windowEnd;
    /**
     * The outbox set datagrams for other partitions go to: it alternates every window, and in a window
     * each partition absorbs the other set ({@link Partition}). Written between windows only.
     */
    int writeParity;
    /** Per partition, the earliest datagram posted for it and not absorbed yet (filled by {@link #collectPosted}). */
    private final long[] posted;
    private final PartitionExecutor.Window runWindow = this::runWindowOf;
    /** Per executor thread, where its partitions post datagrams for other partitions (0 also between windows). */
    private final Outbox[] outboxes;
    final double loss;

    // per-node state, indexed by node number; written by the node's partition or between windows
    OverlayNode[] cores = new OverlayNode[1024];
    /** Every node's address and shared contact; the cores' contact interner. */
    final NodeAddresses nodes = new NodeAddresses();
    NodeDevice[] devices; // null until a device is installed (NAT model hook)
    /**
     * Two longs per node: at {@code 2n} the instant of its live timer entry ({@code Long.MAX_VALUE}:
     * none), at {@code 2n + 1} its core's {@code pollTimeout()} at its last drain — what the core
     * would say now, as every change of a core is drained. Side by side, so a surfacing timer reads
     * both from one cache line.
     */
    long[] timers = new long[2048];
    byte[] state = new byte[1024];
    /** Events each node has caused so far: with its index, the key of the next one (see {@link #nextKey}). */
    private int[] caused = new int[1024];
    private int[] joinedPos = new int[1024];
    private int nodeCount;
    private int[] joined = new int[1024];
    private int joinedCount;
    private int online;

    private final Map<Long, Pending> pending = new HashMap<>();
    private final List<byte[]> published = new ArrayList<>();
    private final List<NodeId> publishedKeys = new ArrayList<>();
    private final List<Long> publishedUntil = new ArrayList<>();

    final long measureStart, measureEnd;
    private final long end;
    private long now;
    private long globalEvents;
    private long events, progressAt;
    private long lastOnlineChange;
    private long datagramsSent;
    private long lastSampleEvents, lastSampleMessages, lastSampleAt;
    private int sampleFrom;

    private record Pending(int kind, NodeId target, long start, byte[] value) {}

    public Simulation(Experiment exp) {
        this(exp, PartitionExecutor.SEQUENTIAL);
    }

    /** A simulation whose partitions' windows run on {@code executor} (same results with any). */
    public Simulation(Experiment exp, PartitionExecutor executor) {
        this.exp = exp;
        SplittableRandom root = new SplittableRandom(exp.longValue("seed"));
        netSeed = root.split().nextLong();
        churnRandom = root.split();
        workRandom = root.split();
        nodeRandoms = root.split();
        coordRandom = root.split();
        int n = exp.integer("nodes");
        config = OverlayConfig.defaults().withK(exp.integer("overlay.k")).withAlpha(exp.integer("overlay.alpha"))
                .withRateLimitSlots(16).withDisjointPaths(Math.min(exp.integer("overlay.disjointPaths"), exp.integer("overlay.k")));
        double adversaries = exp.decimal("adversary.fraction");
        adversary = adversaries > 0 ? new Adversary(adversaries, exp.text("adversary.behaviour"), root.split()) : null;
        loss = exp.decimal("network.loss");
        latency = new CoordinateLatency(exp.integer("network.dimensions"), exp.integer("network.clusters"),
                exp.decimal("network.accessMeanMs"), exp.decimal("network.jitterMs"), coordRandom);
        sessions = SessionTimes.of(exp.text("churn.model"), exp.decimal("churn.medianSeconds"), exp.decimal("churn.shape"));
        heap = new EventHeap(1024);
        this.executor = adversary == null ? executor : PartitionExecutor.SEQUENTIAL;
        partitions = new Partition[this.executor.partitions()];
        for (int p = 0; p < partitions.length; p++) partitions[p] = new Partition(this, p, 4 * n / partitions.length);
        outboxes = new Outbox[partitions.length == 1 ? 1 : this.executor.threads()];
        for (int t = 0; t < outboxes.length; t++) outboxes[t] = new Outbox(partitions.length);
        posted = new long[partitions.length];
        long joinWindow = ms(exp.decimal("join.seconds"));
        measureStart = joinWindow + ms(exp.decimal("warmup"));
        measureEnd = measureStart + ms(exp.decimal("duration"));
        end = measureEnd + ms(exp.decimal("drain"));
        chainJoin = exp.text("join.bootstrap").equals("chain");
        traced = exp.text("churn.model").equals("trace");
        if (traced) {
            if (exp.text("churn.trace").isBlank()) throw new ExperimentException("churn.trace", "churn.model = trace needs churn.trace");
            for (ChurnTrace.Session s : ChurnTrace.load(exp.text("churn.trace")).sessions()) {
                if (s.joinMs() >= end) break;
                int node = newNode();
                heap.add(s.joinMs(), tag(ARRIVE, node, 0), null);
                if (s.leaveMs() < end) heap.add(s.leaveMs(), tag(DEPART, node, 0), null);
            }
        } else {
            for (int i = 0; i < n; i++) {
                int node = newNode();
                long at = i == 0 || joinWindow == 0 ? 0 : workRandom.nextLong(joinWindow);
                heap.add(at, tag(ARRIVE, node, 0), null);
            }
        }
        latency.calibrate(n, exp.decimal("network.rttMedianMs"), coordRandom);
        schedulePoisson(LOOKUP, measureStart, exp.decimal("lookups.perNodePerHour") * n / 3600.0);
        schedulePoisson(PUT, joinWindow, exp.decimal("storage.putsPerSecond"));
        schedulePoisson(GET, measureStart, exp.decimal("storage.getsPerSecond"));
        heap.add(0, tag(SAMPLE, 0, 0), null);
    }

    // ---------------------------------------------------------------- running

    /** Runs every event up to {@code untilMs} (simulated). */
    public void runUntil(long untilMs, Progress progress) {
        while (true) {
            long global = heap.isEmpty() ? Long.MAX_VALUE : heap.peekTime();
            collectPosted();
            long t = Math.min(global, earliestPartitionEvent());
            if (t > untilMs) break;
            if (global == t) { // global events run before the partitions' events of the same instant
                long tg = heap.peekTag();
                heap.removeFirst();
                now = t;
                dispatch(tg);
                globalEvents++;
            } else {
                // one partition has no one to wait for: its window runs up to the next global event
                long horizon = partitions.length == 1 ? Long.MAX_VALUE : t + Partition.LOOKAHEAD_MS;
                windowEnd = Math.min(Math.min(horizon, global), untilMs + 1);
                int busy = onlyBusyPartition(windowEnd);
                writeParity ^= 1; // this window posts into the other set and absorbs the last one's
                if (busy >= 0) { // no other thread needed; the others absorb too, before the set is written again
                    for (Partition p : partitions) p.absorb(outboxes, writeParity ^ 1);
                    runWindowOf(busy, 0);
                } else {
                    executor.runAll(partitions.length, runWindow);
                }
                now = windowEnd - 1;
            }
            betweenWindows();
            if (progress != null && events - progressAt >= 0x10000) {
                progressAt = events;
                progress.onProgress(now, end, events);
            }
        }
        now = Math.max(now, untilMs);
    }

    private void runWindowOf(int partition, int thread) {
        Partition p = partitions[partition];
        p.absorb(outboxes, writeParity ^ 1);
        p.out = outboxes[thread];
        p.runWindow(windowEnd);
    }

    /** Fills {@link #posted}: only the current set can hold datagrams, the other was absorbed in the last window. */
    private void collectPosted() {
        Arrays.fill(posted, Long.MAX_VALUE);
        if (partitions.length == 1) return;
        for (Outbox o : outboxes) {
            for (int to = 0; to < partitions.length; to++) posted[to] = Math.min(posted[to], o.earliest(writeParity, to));
        }
    }

    /** Partition {@code p}'s next event, counting datagrams posted for it (see {@link #collectPosted}). */
    private long nextEventOf(Partition p) {
        return Math.min(p.queue.isEmpty() ? Long.MAX_VALUE : p.queue.peekTime(), posted[p.index]);
    }

    /** The one partition with events before {@code until}, or -1 if several have (none cannot happen here). */
    private int onlyBusyPartition(long until) {
        int busy = -1;
        for (Partition p : partitions) {
            if (nextEventOf(p) < until) {
                if (busy >= 0) return -1;
                busy = p.index;
            }
        }
        return busy;
    }

    private long earliestPartitionEvent() {
        long t = Long.MAX_VALUE;
        for (Partition p : partitions) t = Math.min(t, nextEventOf(p));
        return t;
    }

    /** The single-threaded step: deferred overlay events are scored, counts add up. */
    private void betweenWindows() {
        long n = globalEvents, sent = 0, measured = 0;
        int deferred = 0;
        for (Partition from : partitions) {
            n += from.events;
            sent += from.datagramsSent;
            measured += from.messagesMeasured;
            deferred += from.deferredSize;
        }
        events = n;
        datagramsSent = sent;
        metrics.messagesMeasured = measured;
        if (deferred > 0) scoreDeferred(deferred);
    }

    /**
     * Scores the partitions' overlay events in (time, node, emission) order: the same order for any
     * split (within one partition they are in the order its nodes ran, which depends on the split).
     */
    private void scoreDeferred(int count) {
        long scoredAt = now;
        long[][] order = new long[count][];
        int k = 0;
        for (Partition p : partitions) {
            for (int i = 0; i < p.deferredSize; i++) order[k++] = new long[] {p.deferredKeys[2 * i], p.deferredKeys[2 * i + 1], p.index, i};
        }
        if (count > 1) Arrays.sort(order, (x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        for (long[] o : order) score(o[0], o[1], partitions[(int) o[2]].deferred[(int) o[3]]);
        for (Partition p : partitions) {
            Arrays.fill(p.deferred, 0, p.deferredSize, null);
            p.deferredSize = 0;
        }
        now = scoredAt;
    }

    private void score(long at, long nodeAndOrder, OverlayEvent e) {
        now = at;
        onEvent((int) (nodeAndOrder >>> 32), e);
    }

    /** Runs the whole experiment and closes the books. */
    public void run(Progress progress) {
        runUntil(end, progress);
        finish();
    }

    private void dispatch(long tg) {
        int kind = (int) (tg & 0xF);
        int node = (int) ((tg >>> 4) & 0x3FFFFFFF);
        switch (kind) {
            case ARRIVE -> arrive(node);
            case DEPART -> depart(node);
            case LOOKUP -> {
                schedulePoisson(LOOKUP, now, exp.decimal("lookups.perNodePerHour") * exp.integer("nodes") / 3600.0);
                if (now < measureEnd && joinedCount > 0) startLookup();
            }
            case PUT -> {
                schedulePoisson(PUT, now, exp.decimal("storage.putsPerSecond"));
                if (now < measureEnd && joinedCount > 0) startPut();
            }
            case GET -> {
                schedulePoisson(GET, now, exp.decimal("storage.getsPerSecond"));
                if (now < measureEnd && joinedCount > 0) startGet();
            }
            case SAMPLE -> {
                sample();
                heap.add(now + ms(exp.decimal("output.sampleSeconds")), tag(SAMPLE, 0, 0), null);
            }
            default -> throw new IllegalStateException("unknown global event kind " + kind);
        }
    }

    /** A global event talked to a core: its partition sends, arms the timer and defers events, at this instant. */
    private void drain(int node) {
        Partition p = partitions[partitionOf(node)];
        p.now = now;
        p.out = outboxes[0]; // the engine's own thread
        p.drain(node);
    }

    /** The partition of a node: blocks of 64 indexes, so partitions do not write to the same cache lines. */
    int partitionOf(int node) {
        return partitions.length == 1 ? 0 : (node >>> 6) % partitions.length;
    }

    /** The key of the next event {@code node} causes: unique, and the same however nodes are partitioned. */
    long nextKey(int node) {
        return ((caused[node]++ & 0xFFFFFFFFL) << 24) | node;
    }

    // ---------------------------------------------------------------- nodes and churn

    private int newNode() {
        int n = nodeCount++;
        if (n == cores.length) {
            int c = n * 2;
            cores = Arrays.copyOf(cores, c);
            timers = Arrays.copyOf(timers, 2 * c);
            state = Arrays.copyOf(state, c);
            caused = Arrays.copyOf(caused, c);
            joinedPos = Arrays.copyOf(joinedPos, c);
            if (devices != null) devices = Arrays.copyOf(devices, c);
        }
        if (nodes.add() != n) throw new IllegalStateException("node numbering out of step at " + n);
        timers[2 * n] = Long.MAX_VALUE;
        timers[2 * n + 1] = Long.MAX_VALUE;
        if (adversary != null) adversary.draw(n);
        latency.place(n, coordRandom);
        return n;
    }

    private void arrive(int node) {
        SplittableRandom r = nodeRandoms.split();
        cores[node] = new OverlayNode(config, identities.create(r), new InMemoryStoragePolicy(
                ms(exp.decimal("storage.ttlSeconds")), 64, 1 << 20), r.split(), nodes);
        nodes.arrived(node, cores[node].nodeId());
        state[node] = ONLINE;
        countOnline(+1);
        List<InetSocketAddress> bootstrap = joinedCount == 0 ? List.of()
                : List.of(nodes.address(chainJoin ? joined[joinedCount - 1] : randomHonestJoined()));
        cores[node].join(now, bootstrap);
        drain(node);
        long session = sessions.drawMs(churnRandom);
        if (session != Long.MAX_VALUE && now + session < end) heap.add(now + session, tag(DEPART, node, 0), null);
    }

    private void depart(int node) {
        if (state[node] == JOINED) removeJoined(node);
        identities.forget(cores[node].nodeId());
        cores[node] = null; // its memory goes; late datagrams and timers find it GONE
        state[node] = GONE;
        countOnline(-1);
        if (traced) return; // the trace says who comes next
        int next = newNode();
        double meanDelay = exp.decimal("churn.replaceAfterSeconds");
        long delay = meanDelay == 0 ? 0 : Math.round(-meanDelay * 1000 * Math.log(1 - churnRandom.nextDouble()));
        heap.add(now + delay, tag(ARRIVE, next, 0), null);
    }

    private void countOnline(int delta) {
        accumulateNodeSeconds();
        online += delta;
    }

    private void accumulateNodeSeconds() {
        long from = Math.max(lastOnlineChange, measureStart);
        long to = Math.min(now, measureEnd);
        if (to > from) metrics.nodeSecondsMeasured += online * ((to - from) / 1000.0);
        lastOnlineChange = now;
    }

    private void addJoined(int node) {
        if (joinedCount == joined.length) joined = Arrays.copyOf(joined, joinedCount * 2);
        joinedPos[node] = joinedCount;
        joined[joinedCount++] = node;
        state[node] = JOINED;
        if (adversary != null && adversary.is(node)) adversary.joined(cores[node].nodeId(), node);
        else truth.add(cores[node].nodeId()); // the ground truth holds honest nodes only
    }

    private void removeJoined(int node) {
        int pos = joinedPos[node];
        int last = joined[--joinedCount];
        joined[pos] = last;
        joinedPos[last] = pos;
        if (adversary != null && adversary.is(node)) adversary.left(cores[node].nodeId());
        else truth.remove(cores[node].nodeId());
    }

    /**
     * A random joined node that is honest: operations are measured for honest users, and a newcomer
     * bootstraps through an honest node (an adversarial bootstrap would be a different attack). Without
     * adversaries this is one draw, as before adversaries existed.
     */
    private int randomHonestJoined() {
        while (true) {
            int node = joined[workRandom.nextInt(joinedCount)];
            if (adversary == null || !adversary.is(node) || truth.size() == 0) return node;
        }
    }

    Contact contactOf(int node) {
        return nodes.contact(node);
    }

    // ---------------------------------------------------------------- workloads

    private void startLookup() {
        int node = randomHonestJoined();
        NodeId target = NodeId.random(workRandom);
        long id = cores[node].findNode(now, target);
        pending.put(key(node, id), new Pending(LOOKUP, target, now, null));
        drain(node);
    }

    private void startPut() {
        int node = randomHonestJoined();
        NodeId key = NodeId.random(workRandom);
        byte[] value = new byte[exp.integer("storage.valueBytes")];
        workRandom.nextBytes(value);
        long id = cores[node].store(now, key, value);
        pending.put(key(node, id), new Pending(PUT, key, now, value));
        drain(node);
    }

    private void startGet() {
        long ttl = ms(exp.decimal("storage.ttlSeconds"));
        while (!publishedKeys.isEmpty() && publishedUntil.get(0) <= now) { // oldest first: expired values leave
            publishedKeys.remove(0);
            published.remove(0);
            publishedUntil.remove(0);
        }
        if (publishedKeys.isEmpty() || ttl <= 0) return;
        int i = workRandom.nextInt(publishedKeys.size());
        int node = randomHonestJoined();
        long id = cores[node].findValue(now, publishedKeys.get(i));
        pending.put(key(node, id), new Pending(GET, publishedKeys.get(i), now, published.get(i)));
        drain(node);
    }

    private void onEvent(int node, OverlayEvent e) {
        if (e instanceof OverlayEvent.JoinCompleted) {
            if (state[node] == ONLINE) addJoined(node);
        } else if (e instanceof OverlayEvent.LookupCompleted l) {
            Pending p = pending.remove(key(node, l.lookupId()));
            if (p == null) return;
            NodeId best = truth.closest(p.target(), cores[node].nodeId());
            boolean right = best != null && !l.closest().isEmpty() && (adversary == null
                    ? l.closest().get(0).id().equals(best) // plain: the first answer is the closest live node
                    : Adversary.reached(l.closest(), best)); // attacked: an honest closest holder was reached
            metrics.lookup(p.start(), now - p.start(), l.rounds(), right ? Metrics.SUCCESS : Metrics.WRONG);
        } else if (e instanceof OverlayEvent.StoreCompleted s) {
            Pending p = pending.remove(key(node, s.lookupId()));
            if (p == null) return;
            if (p.start() >= measureStart) metrics.puts++;
            if (s.storedCount() > 0) {
                if (p.start() >= measureStart) metrics.putsStored++;
                publishedKeys.add(p.target());
                published.add(p.value());
                publishedUntil.add(p.start() + ms(exp.decimal("storage.ttlSeconds")));
            }
        } else if (e instanceof OverlayEvent.ValuesFound v) {
            Pending p = pending.remove(key(node, v.lookupId()));
            if (p == null) return;
            metrics.gets++;
            for (byte[] value : v.values()) {
                if (Arrays.equals(value, p.value())) {
                    metrics.getsFound++;
                    break;
                }
            }
        }
    }

    /** Operations still pending at the end: lookups count as timed out, those of departed nodes as abandoned. */
    private void finish() {
        accumulateNodeSeconds();
        List<Map.Entry<Long, Pending>> left = new ArrayList<>(pending.entrySet());
        left.sort(Map.Entry.comparingByKey()); // no hash order in the results
        for (Map.Entry<Long, Pending> e : left) {
            Pending p = e.getValue();
            int node = (int) (e.getKey() >>> 32);
            boolean gone = state[node] == GONE;
            switch (p.kind()) {
                case LOOKUP -> {
                    if (gone) metrics.lookupsAbandoned++;
                    else metrics.lookup(p.start(), now - p.start(), 0, Metrics.TIMED_OUT);
                }
                case GET -> {
                    if (!gone) metrics.gets++;
                }
                default -> { }
            }
        }
        pending.clear();
    }

    private void sample() {
        int done = 0, ok = 0;
        int to = metrics.lookupCount();
        int[] lat = new int[to - sampleFrom];
        for (int i = sampleFrom; i < to; i++) {
            if (metrics.lookupOutcome(i) == Metrics.SUCCESS) lat[ok++] = metrics.lookupLatencyMs(i);
            done++;
        }
        Arrays.sort(lat, 0, ok);
        double seconds = (now - lastSampleAt) / 1000.0;
        double perNode = seconds > 0 && online > 0 ? (datagramsSent - lastSampleMessages) / seconds / online : 0;
        metrics.sample(new double[] {now / 1000.0, online, joinedCount, done, done == 0 ? Double.NaN : ok / (double) done,
                ok == 0 ? Double.NaN : lat[(ok - 1) / 2], perNode, events - lastSampleEvents});
        sampleFrom = to;
        lastSampleAt = now;
        lastSampleMessages = datagramsSent;
        lastSampleEvents = events;
    }

    // ---------------------------------------------------------------- helpers

    private void schedulePoisson(int kind, long after, double ratePerSecond) {
        if (!(ratePerSecond > 0)) return;
        double gapMs = -Math.log(1 - workRandom.nextDouble()) / ratePerSecond * 1000;
        heap.add(after + Math.max(1, Math.round(gapMs)), tag(kind, 0, 0), null);
    }

    static long tag(int kind, int node, int other) {
        return kind | ((long) node << 4) | ((long) other << 34);
    }

    private static long key(int node, long lookupId) {
        return ((long) node << 32) | (lookupId & 0xFFFFFFFFL);
    }

    private static long ms(double seconds) {
        return Math.round(seconds * 1000);
    }

    /** Installs a middlebox in front of {@code node}: refused at the first send until overlay nodes can sit behind NATs. */
    public void installDevice(int node, NodeDevice device) {
        if (devices == null) devices = new NodeDevice[cores.length];
        devices[node] = device;
    }

    public Metrics metrics() { return metrics; }
    public long now() { return now; }
    public long events() { return events; }
    public long endMs() { return end; }
    public long joinPhaseEndMs() { return measureStart; }
    public int nodeCount() { return nodeCount; }
    /** Partitions the nodes are split into: the executor's threads, or 1 with adversarial nodes. */
    public int partitionCount() { return partitions.length; }
    public int onlineCount() { return online; }
    public long datagramsSent() { return datagramsSent; }
    public double rttMs(int a, int b) { return latency.rttMs(a, b); }

    // For measurement tools only (benchmarks' SimNodeFootprint), never for the simulation itself.
    /** The core of node {@code node} (below {@link #nodeCount()}) while it is online, else null. */
    public OverlayNode core(int node) { return cores[node]; }
    /** The one shared Contact of node {@code node} that routing tables point at, or null before it arrives. */
    public Contact contact(int node) { return nodes.contact(node); }
}
