package io.peerdial.simulator.engine;

import io.peerdial.overlay.kademlia.OverlayEvent;
import io.peerdial.overlay.kademlia.OverlayNode;
import io.peerdial.overlay.protocol.DatagramProtocol;
import io.peerdial.overlay.protocol.Transmit;
import io.peerdial.simulator.net.CoordinateLatency;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * One share of the simulated nodes with its own event queue and clock: the deliveries and timers of
 * its nodes run here, and may run on their own thread while the other partitions run theirs.
 *
 * <p>Theory of operation (conservative parallel discrete-event simulation, Chandy–Misra style with a
 * global window). No datagram arrives sooner than {@link #LOOKAHEAD_MS} after it was sent, so within
 * a window {@code [T, T + lookahead)} nothing a partition does can reach another partition before the
 * window ends: each partition runs its window alone. A datagram for another partition waits in the
 * {@link Outbox} of the thread running this one; an {@link OverlayEvent} that touches shared state
 * (the joined list, pending operations, metrics) waits in {@link #deferred}. Outboxes hold two sets
 * that alternate by window ({@link Simulation#writeParity}): in a window every partition first moves
 * what was posted for it in the window before into its own queue — on its own thread, while the
 * others write this window's datagrams into the other set — and then runs its events. Between
 * windows, on one thread, the engine applies the deferred events in (time, node, order) order, then
 * runs the global events (arrivals, departures, workloads) due at the window's end.
 *
 * <p>Why the results do not depend on the number of partitions: an event's place among events of the
 * same instant is its <em>key</em> — the sequence number of the node that created it, combined with
 * that node's index — not the order in which a queue received it; and the network's random draws
 * (loss, jitter) are a hash of the run seed and that key, not a shared generator. So every node sees
 * the same events in the same order however the nodes are split.
 */
final class Partition {

    /** The least one-way delay of a datagram: nothing sent in a window arrives before it ends. */
    static final long LOOKAHEAD_MS = CoordinateLatency.MIN_ONE_WAY_MS;

    private final Simulation sim;
    final int index;
    final CalendarQueue queue;
    /** Where datagrams for other partitions go: the outbox of the thread running this partition's window. */
    Outbox out;
    /** Overlay events waiting for the single-threaded step: time, node and arrival order packed, and the event. */
    long[] deferredKeys = new long[128];
    OverlayEvent[] deferred = new OverlayEvent[64];
    int deferredSize;

    long now;
    long events;
    long datagramsSent;
    long messagesMeasured;

    Partition(Simulation sim, int index, int initialCapacity) {
        this.sim = sim;
        this.index = index;
        this.queue = new CalendarQueue(initialCapacity);
    }

    /** Runs this partition's events before {@code windowEnd} (exclusive). */
    void runWindow(long windowEnd) {
        CalendarQueue h = queue;
        while (!h.isEmpty() && h.peekTime() < windowEnd) {
            long t = h.peekTime();
            long tg = h.peekTag();
            Object payload = h.peekPayload();
            h.removeFirst();
            now = t;
            if (dispatch(tg, payload)) events++;
        }
    }

    private boolean dispatch(long tg, Object payload) {
        int kind = (int) (tg & 0xF);
        int node = (int) ((tg >>> 4) & 0x3FFFFFFF);
        byte s = sim.state[node];
        if (s != Simulation.ONLINE && s != Simulation.JOINED) return kind == Simulation.DELIVER; // dead or unborn: dropped
        if (kind == Simulation.DELIVER) {
            InetSocketAddress from = sim.nodes.address((int) (tg >>> 34));
            byte[] bytes = (byte[]) payload;
            if (sim.adversary != null && sim.adversary.is(node)) sim.adversary.received(bytes);
            sim.cores[node].handleDatagram(now, from, bytes);
        } else { // TIMER
            long[] timers = sim.timers;
            if (timers[2 * node] != now) return false; // superseded by an earlier deadline
            timers[2 * node] = Long.MAX_VALUE;
            long wanted = timers[2 * node + 1];
            if (wanted > now) { // the core's deadline moved later since: nothing to do but wait for it
                arm(node, wanted);
                return true;
            }
            sim.cores[node].handleTimeout(now);
        }
        drain(node);
        return true;
    }

    /** Sends what the core wants sent, defers its events and arms its timer. */
    void drain(int node) {
        OverlayNode c = sim.cores[node];
        for (Transmit t; (t = c.pollTransmit()) != null; ) send(node, t);
        for (OverlayEvent e; (e = c.pollEvent()) != null; ) defer(node, e);
        arm(node, c.pollTimeout());
    }

    /** Notes the core's {@code deadline} and queues a timer entry for it unless one as early is live. */
    private void arm(int node, long deadline) {
        long[] timers = sim.timers;
        timers[2 * node + 1] = deadline;
        if (deadline != DatagramProtocol.NO_TIMEOUT && deadline < timers[2 * node]) {
            long at = Math.max(deadline, now);
            timers[2 * node] = at;
            queue.add(at, sim.nextKey(node), Simulation.tag(Simulation.TIMER, node, 0), null);
        }
    }

    private void send(int from, Transmit t) {
        datagramsSent++;
        if (now >= sim.measureStart && now < sim.measureEnd) messagesMeasured++;
        int to = sim.nodes.indexOf(t.destination());
        if (to < 0) return;
        if (sim.devices != null && sim.devices[from] != null) {
            // overlay traffic through NATs needs client-mode nodes in the overlay; nat-mix runs ConnectivitySimulation
            throw new UnsupportedOperationException("the overlay model does not route through NAT devices yet");
        }
        byte[] payload = t.payload();
        if (sim.adversary != null && sim.adversary.is(from)) {
            payload = sim.adversary.tamper(payload, sim::contactOf);
            if (payload == null) return; // an answer the adversary withholds
        }
        long key = sim.nextKey(from);
        long draw = mix(sim.netSeed + key * 0x9E3779B97F4A7C15L);
        if (sim.loss > 0 && uniform(draw) < sim.loss) return;
        long at = now + sim.latency.oneWayMs(from, to, uniform(mix(draw)));
        long tg = Simulation.tag(Simulation.DELIVER, to, from);
        int dest = sim.partitionOf(to);
        if (dest == index) {
            queue.add(at, key, tg, payload);
        } else {
            out.post(sim.writeParity, dest, at, key, tg, payload);
        }
    }

    /**
     * Moves what was posted for this partition into set {@code set} of every outbox into this queue.
     * Runs on this partition's thread at the start of its window while the threads write the other set.
     */
    void absorb(Outbox[] outboxes, int set) {
        for (Outbox o : outboxes) o.moveTo(set, index, queue);
    }

    private void defer(int node, OverlayEvent e) {
        int n = deferredSize;
        if (n == deferred.length) {
            deferred = Arrays.copyOf(deferred, 2 * n);
            deferredKeys = Arrays.copyOf(deferredKeys, 4 * n);
        }
        deferredKeys[2 * n] = now;
        deferredKeys[2 * n + 1] = ((long) node << 32) | n; // same instant: by node, then in the order it emitted them
        deferred[n] = e;
        deferredSize = n + 1;
    }

    // ---------------------------------------------------------------- the network's random draws

    /** SplitMix64's finaliser (Steele, Lea, Flood 2014): a well-mixed 64-bit hash of a 64-bit input. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A double in [0, 1) from the upper 53 bits, as SplittableRandom.nextDouble does. */
    static double uniform(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }
}
