package io.peerdial.testkit;

import java.net.InetSocketAddress;

/**
 * One entry of the {@link InMemoryNetwork}'s event queue. A single mutable class for all kinds keeps the
 * hot path monomorphic; a node's timer entry is allocated once and re-queued for every deadline.
 */
final class Scheduled {

    static final byte DELIVERY = 0;
    static final byte TIMER = 1;
    static final byte ACTION = 2;

    final byte kind;
    long time;
    /** Tie-break between entries of equal time: scheduling order, so runs are reproducible. */
    long seq;
    /** Position in {@link EventQueue}'s heap, or -1 when not queued. */
    int heapIndex = -1;

    // DELIVERY
    InetSocketAddress from;
    InetSocketAddress to;
    byte[] payload;
    // TIMER
    final NodeHandle<?, ?> node;
    // ACTION
    Runnable action;

    private Scheduled(byte kind, NodeHandle<?, ?> node) {
        this.kind = kind;
        this.node = node;
    }

    static Scheduled delivery(InetSocketAddress from, InetSocketAddress to, byte[] payload) {
        Scheduled s = new Scheduled(DELIVERY, null);
        s.from = from;
        s.to = to;
        s.payload = payload;
        return s;
    }

    static Scheduled timer(NodeHandle<?, ?> node) {
        return new Scheduled(TIMER, node);
    }

    static Scheduled action(Runnable action) {
        Scheduled s = new Scheduled(ACTION, null);
        s.action = action;
        return s;
    }

    boolean isQueued() {
        return heapIndex >= 0;
    }

    boolean before(Scheduled other) {
        return time < other.time || (time == other.time && seq < other.seq);
    }
}
