package io.peerdial.testkit;

import io.peerdial.overlay.protocol.DatagramProtocol;
import io.peerdial.overlay.protocol.Transmit;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * A deterministic discrete-event network that drives any number of sans-IO cores
 * ({@link DatagramProtocol} of any event type: overlay nodes, TURN servers, SIP cores) over virtual
 * addresses, with a virtual clock, pluggable latency and loss, and no sockets or threads.
 *
 * <h2>Theory of operation</h2>
 * One queue holds everything that will happen, ordered by (virtual time, sequence number): datagram
 * deliveries, node timers and scripted actions. After <em>every</em> interaction with a core (a delivery,
 * a timeout, an API call through {@link #call}/{@link #invoke}) the network drains the core:
 * each {@link Transmit} is copied (as a real socket would), shown to the {@link DatagramInterceptor},
 * passed through the {@link LossModel} and scheduled for delivery at {@code now + latency}; each event
 * goes to the node's {@link NodeHandle}; then {@code pollTimeout()} is re-read and the node's single
 * timer entry is moved to that deadline (or removed). Datagrams to an address with no node, or to a
 * killed node, vanish and are counted.
 *
 * <p>Determinism: latency and loss draw from a {@link SplittableRandom} derived from the seed, cores get
 * their own generators from {@link #newRandom()}, ties are broken by scheduling order and nothing
 * depends on hash iteration order. One seed, the same calls: the same run.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * InMemoryNetwork net = InMemoryNetwork.builder()
 *         .seed(42)
 *         .latency(LatencyModel.uniform(10, 80))
 *         .loss(LossModel.independent(0.01))
 *         .build();
 * List<NodeHandle<OverlayNode, OverlayEvent>> nodes = new ArrayList<>();
 * for (int i = 0; i < 200; i++) {
 *     nodes.add(net.add(net.nextAddress(), new OverlayNode(config, NodeKeyPair.generate(net.newRandom()),
 *             storage, net.newRandom())));
 * }
 * InetSocketAddress seedNode = nodes.get(0).address();
 * for (var h : nodes) {
 *     net.invoke(h, (core, now) -> core.join(now, List.of(seedNode)));
 * }
 * net.runFor(60_000);
 * var alice = nodes.get(7);
 * long id = net.call(alice, (core, now) -> core.findNode(now, target));
 * assertThat(net.runUntil(() -> !alice.events(OverlayEvent.LookupCompleted.class).isEmpty(),
 *         net.now() + 30_000)).isTrue();
 * }</pre>
 *
 * <p>Not thread-safe: one test thread drives it. Event listeners may call {@link #call}, {@link #invoke}
 * and {@link #schedule}, but not the {@code run*} methods.
 */
public final class InMemoryNetwork {
    // The engine: the longest class of the testkit on purpose, so that scheduling reads in one place.

    /** An API call on a core at the current virtual time, returning a result. */
    @FunctionalInterface
    public interface CoreCall<C, R> {
        R apply(C core, long now);
    }

    /** An API call on a core at the current virtual time, returning nothing. */
    @FunctionalInterface
    public interface CoreAction<C> {
        void accept(C core, long now);
    }

    private final long seed;
    private final RandomGenerator schedulingRandom;
    private final SplittableRandom coreRandoms;
    private final VirtualClock clock;
    private final EventQueue queue = new EventQueue();
    private final Map<InetSocketAddress, NodeHandle<?, ?>> byAddress = new HashMap<>();
    private final List<NodeHandle<?, ?>> nodes = new ArrayList<>();
    private final long maxEventsPerInstant;
    private LatencyModel latency;
    private LossModel loss;
    private DatagramInterceptor interceptor;
    private long nextSeq;
    private int nextAddressIndex;
    private boolean running;
    private long currentInstant = Long.MIN_VALUE;
    private long eventsAtInstant;

    private final NetworkStats stats = new NetworkStats();

    private InMemoryNetwork(Builder b) {
        this.seed = b.seed;
        SplittableRandom root = new SplittableRandom(b.seed);
        // Two independent streams: creating cores never shifts the latency/loss draws, and vice versa.
        this.schedulingRandom = root.split();
        this.coreRandoms = root.split();
        this.clock = new VirtualClock(b.startTime);
        this.latency = b.latency;
        this.loss = b.loss;
        this.interceptor = b.interceptor;
        this.maxEventsPerInstant = b.maxEventsPerInstant;
    }

    /** A network with {@code seed}, 20 ms constant latency, no loss, starting at time 0. */
    public InMemoryNetwork(long seed) {
        this(builder().seed(seed));
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- nodes

    /** The next address of {@link VirtualAddresses#spread(int)} not yet taken by a node of this network. */
    public InetSocketAddress nextAddress() {
        InetSocketAddress a;
        do {
            a = VirtualAddresses.spread(nextAddressIndex++);
        } while (byAddress.containsKey(a));
        return a;
    }

    /** A fresh generator for a core, split deterministically from the seed. */
    public RandomGenerator newRandom() {
        return coreRandoms.split();
    }

    /**
     * Registers {@code core} at {@code address} (which must be free), drains any output it already has
     * and arms its timer.
     */
    public <C extends DatagramProtocol<E>, E> NodeHandle<C, E> add(InetSocketAddress address, C core) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(core, "core");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("address must be resolved: " + address);
        }
        if (byAddress.containsKey(address)) {
            throw new IllegalArgumentException("address already in use: " + address);
        }
        NodeHandle<C, E> handle = new NodeHandle<>(this, address, core);
        byAddress.put(address, handle);
        nodes.add(handle);
        afterInteraction(handle);
        return handle;
    }

    /** Every node ever added and not removed, in the order of adding. */
    public List<NodeHandle<?, ?>> nodes() {
        return List.copyOf(nodes);
    }

    /** The node registered at {@code address}, or {@code null}. */
    public NodeHandle<?, ?> node(InetSocketAddress address) {
        return byAddress.get(address);
    }

    /** Silent departure: the node stops receiving (datagrams to it vanish) and its timer stops. State is kept. */
    public void kill(NodeHandle<?, ?> handle) {
        requireOwn(handle);
        handle.alive = false;
        queue.remove(handle.timer);
    }

    /** Brings a killed node back with its state; deadlines that passed while it was dead fire now. */
    public void revive(NodeHandle<?, ?> handle) {
        requireOwn(handle);
        if (!handle.alive) {
            handle.alive = true;
            afterInteraction(handle);
        }
    }

    /** Kills the node and frees its address (datagrams to it then count as sent to an unknown address). */
    public void remove(NodeHandle<?, ?> handle) {
        kill(handle);
        handle.registered = false;
        byAddress.remove(handle.address());
        nodes.remove(handle);
    }

    // ---------------------------------------------------------------- API calls

    /** Calls {@code fn} on the node's core at the current virtual time, then drains the core; returns fn's result. */
    public <C extends DatagramProtocol<E>, E, R> R call(NodeHandle<C, E> handle, CoreCall<? super C, R> fn) {
        requireLive(handle);
        try {
            return fn.apply(handle.core(), clock.now());
        } finally {
            afterInteraction(handle);
        }
    }

    /** Like {@link #call} for API methods that return nothing. */
    public <C extends DatagramProtocol<E>, E> void invoke(NodeHandle<C, E> handle, CoreAction<? super C> action) {
        requireLive(handle);
        try {
            action.accept(handle.core(), clock.now());
        } finally {
            afterInteraction(handle);
        }
    }

    /** Drains a node whose core the test touched directly through {@link NodeHandle#core()}. */
    public void sync(NodeHandle<?, ?> handle) {
        requireLive(handle);
        afterInteraction(handle);
    }

    /** Runs {@code action} at virtual time {@code time} (not in the past), in order with deliveries and timers. */
    public void schedule(long time, Runnable action) {
        Objects.requireNonNull(action, "action");
        if (time < clock.now()) {
            throw new IllegalArgumentException("cannot schedule in the past: " + time + " < " + clock.now());
        }
        Scheduled s = Scheduled.action(action);
        s.time = time;
        s.seq = nextSeq++;
        queue.add(s);
    }

    // ---------------------------------------------------------------- running

    /** The current virtual time in milliseconds. */
    public long now() {
        return clock.now();
    }

    /** Processes everything due up to and including {@code time}, then sets the clock to {@code time}. */
    public void runUntil(long time) {
        if (time < clock.now()) {
            throw new IllegalArgumentException("time cannot go backwards: " + time + " < " + clock.now());
        }
        enterRun();
        try {
            for (Scheduled s; (s = queue.peek()) != null && s.time <= time; ) {
                process(queue.poll());
            }
            clock.set(time);
        } finally {
            running = false;
        }
    }

    /** {@link #runUntil(long)} {@code now() + duration}. */
    public void runFor(long duration) {
        if (duration < 0) {
            throw new IllegalArgumentException("negative duration: " + duration);
        }
        runUntil(Math.addExact(clock.now(), duration));
    }

    /**
     * Processes events one by one until {@code condition} holds (checked before starting and after every
     * event) or the next event lies beyond {@code deadline}, an absolute virtual time. Returns true with the
     * clock at the moment the condition became true; false with the clock at {@code deadline} on time-out.
     */
    public boolean runUntil(BooleanSupplier condition, long deadline) {
        Objects.requireNonNull(condition, "condition");
        if (deadline < clock.now()) {
            throw new IllegalArgumentException("deadline in the past: " + deadline + " < " + clock.now());
        }
        enterRun();
        try {
            if (condition.getAsBoolean()) {
                return true;
            }
            for (Scheduled s; (s = queue.peek()) != null && s.time <= deadline; ) {
                process(queue.poll());
                if (condition.getAsBoolean()) {
                    return true;
                }
            }
            clock.set(deadline);
            return false;
        } finally {
            running = false;
        }
    }

    /** {@link #runUntil(BooleanSupplier, long)} with the deadline {@code now() + maxDuration}. */
    public boolean runFor(BooleanSupplier condition, long maxDuration) {
        if (maxDuration < 0) {
            throw new IllegalArgumentException("negative duration: " + maxDuration);
        }
        return runUntil(condition, Math.addExact(clock.now(), maxDuration));
    }

    /** Processes the single next event, if any; returns false when the queue is empty. */
    public boolean step() {
        enterRun();
        try {
            Scheduled s = queue.poll();
            if (s == null) {
                return false;
            }
            process(s);
            return true;
        } finally {
            running = false;
        }
    }

    private void enterRun() {
        if (running) {
            throw new IllegalStateException("the network is already running (run* called from a callback?)");
        }
        running = true;
    }

    private void process(Scheduled s) {
        checkLivelock(s.time);
        clock.set(s.time);
        stats.eventsProcessed++;
        switch (s.kind) {
            case Scheduled.DELIVERY -> deliver(s);
            case Scheduled.TIMER -> fireTimer(s.node);
            default -> s.action.run();
        }
    }

    /** A core that keeps asking to be woken at the same instant would otherwise spin forever. */
    private void checkLivelock(long time) {
        if (time != currentInstant) {
            currentInstant = time;
            eventsAtInstant = 0;
        }
        if (++eventsAtInstant > maxEventsPerInstant) {
            throw new IllegalStateException("more than " + maxEventsPerInstant + " events at virtual time " + time
                    + ": a core probably re-arms a timer that is already due; next: " + describeNext());
        }
    }

    private String describeNext() {
        Scheduled s = queue.peek();
        if (s == null) {
            return "none";
        }
        return s.kind == Scheduled.TIMER ? "timer of " + s.node : s.kind == Scheduled.DELIVERY
                ? "datagram " + s.from + " -> " + s.to : "scheduled action";
    }

    private void deliver(Scheduled s) {
        NodeHandle<?, ?> target = byAddress.get(s.to);
        if (target == null) {
            stats.datagramsToUnknown++;
        } else if (!target.alive) {
            stats.datagramsToDead++;
        } else {
            stats.datagramsDelivered++;
            target.datagramsIn++;
            target.bytesIn += s.payload.length;
            try {
                target.core().handleDatagram(clock.now(), s.from, s.payload);
            } finally {
                afterInteraction(target);
            }
        }
    }

    private void fireTimer(NodeHandle<?, ?> node) {
        // Only live nodes have a queued timer: kill() removes it. The contract calls handleTimeout only once
        // due; a deadline can only have moved if the test changed the core behind the network's back.
        if (node.core().pollTimeout() > clock.now()) {
            rearmTimer(node);
            return;
        }
        node.timeoutsHandled++;
        try {
            node.core().handleTimeout(clock.now());
        } finally {
            afterInteraction(node);
        }
    }

    // ---------------------------------------------------------------- draining

    private void afterInteraction(NodeHandle<?, ?> node) {
        DatagramProtocol<?> core = node.core();
        for (Transmit t; (t = core.pollTransmit()) != null; ) {
            node.datagramsOut++;
            node.bytesOut += t.payload().length;
            if (node.alive) {
                send(node.address(), t);
            }
        }
        node.drainEvents();
        rearmTimer(node);
    }

    private void send(InetSocketAddress from, Transmit t) {
        stats.datagramsSent++;
        InetSocketAddress to = t.destination();
        // A real socket copies at send time: neither side can alias the other's buffer.
        byte[] payload = t.payload().clone();
        if (interceptor != null) {
            payload = interceptor.intercept(clock.now(), from, to, payload);
            if (payload == null) {
                stats.datagramsIntercepted++;
                return;
            }
        }
        if (loss.isLost(from, to, schedulingRandom)) {
            stats.datagramsLost++;
            return;
        }
        long delay = latency.latency(from, to, schedulingRandom);
        if (delay < 0) {
            throw new IllegalStateException("latency model returned a negative delay: " + delay);
        }
        Scheduled s = Scheduled.delivery(from, to, payload);
        s.time = Math.addExact(clock.now(), delay);
        s.seq = nextSeq++;
        queue.add(s);
    }

    /** Keeps exactly one queued timer entry per live node, at the core's current deadline. */
    private void rearmTimer(NodeHandle<?, ?> node) {
        Scheduled timer = node.timer;
        if (!node.alive) {
            queue.remove(timer);
            return;
        }
        long deadline = node.core().pollTimeout();
        if (deadline == DatagramProtocol.NO_TIMEOUT) {
            queue.remove(timer);
            return;
        }
        long at = Math.max(deadline, clock.now());
        if (timer.isQueued()) {
            if (timer.time != at) {
                timer.time = at;
                timer.seq = nextSeq++;
                queue.reposition(timer);
            }
        } else {
            timer.time = at;
            timer.seq = nextSeq++;
            queue.add(timer);
        }
    }

    private void requireOwn(NodeHandle<?, ?> handle) {
        Objects.requireNonNull(handle, "handle");
        if (handle.network() != this || !handle.registered) {
            throw new IllegalArgumentException("not a node of this network: " + handle);
        }
    }

    private void requireLive(NodeHandle<?, ?> handle) {
        requireOwn(handle);
        if (!handle.alive) {
            throw new IllegalStateException("node is dead: " + handle);
        }
    }

    // ---------------------------------------------------------------- settings and statistics

    public long seed() {
        return seed;
    }

    /** Replaces the latency model from now on (datagrams in flight keep their arrival time). */
    public void setLatency(LatencyModel latency) {
        this.latency = Objects.requireNonNull(latency, "latency");
    }

    /** Replaces the loss model from now on. */
    public void setLoss(LossModel loss) {
        this.loss = Objects.requireNonNull(loss, "loss");
    }

    /** Sets ({@code null}: removes) the hook that sees every datagram sent. */
    public void setInterceptor(DatagramInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    /** Live traffic counters. */
    public NetworkStats stats() {
        return stats;
    }

    /** Queue entries waiting (datagrams in flight, armed timers, scheduled actions). */
    public int pendingEvents() {
        return queue.size();
    }

    @Override
    public String toString() {
        return "InMemoryNetwork[seed=" + seed + ", now=" + clock.now() + ", nodes=" + nodes.size()
                + ", pending=" + queue.size() + "]";
    }

    /** Settings of a new network. */
    public static final class Builder {
        private long seed;
        private long startTime;
        private LatencyModel latency = LatencyModel.constant(20);
        private LossModel loss = LossModel.none();
        private DatagramInterceptor interceptor;
        private long maxEventsPerInstant = 10_000_000;

        private Builder() {
        }

        /** Seed of every random draw (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Virtual time at start (default 0); e.g. an epoch-aligned time for records with absolute expiry. */
        public Builder startTime(long startTime) {
            this.startTime = startTime;
            return this;
        }

        /** Default: 20 ms constant. */
        public Builder latency(LatencyModel latency) {
            this.latency = Objects.requireNonNull(latency, "latency");
            return this;
        }

        /** Default: none. */
        public Builder loss(LossModel loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        public Builder interceptor(DatagramInterceptor interceptor) {
            this.interceptor = interceptor;
            return this;
        }

        /** Livelock guard: more events than this at one virtual instant fails the run (default 10^7). */
        public Builder maxEventsPerInstant(long max) {
            if (max < 1) {
                throw new IllegalArgumentException("max must be >= 1: " + max);
            }
            this.maxEventsPerInstant = max;
            return this;
        }

        public InMemoryNetwork build() {
            return new InMemoryNetwork(this);
        }
    }
}
