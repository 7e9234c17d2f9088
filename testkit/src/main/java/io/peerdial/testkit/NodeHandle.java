package io.peerdial.testkit;

import io.peerdial.overlay.protocol.DatagramProtocol;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A core registered in an {@link InMemoryNetwork}: its address, the core itself, the events it reported
 * (drained by the network after every interaction, kept in order until the test takes them) and its
 * traffic counters.
 *
 * <p>Drive the core through {@link InMemoryNetwork#call} / {@link InMemoryNetwork#invoke} rather than
 * {@link #core()} directly, so that its output is drained at the right virtual time.
 *
 * @param <C> the core's type
 * @param <E> the events the core reports
 */
public final class NodeHandle<C extends DatagramProtocol<E>, E> {

    private final InMemoryNetwork network;
    private final InetSocketAddress address;
    private final C core;
    final Scheduled timer = Scheduled.timer(this);
    private final ArrayDeque<E> events = new ArrayDeque<>();
    private Consumer<? super E> listener;
    private boolean recordEvents = true;
    boolean alive = true;
    boolean registered = true;

    long datagramsIn;
    long datagramsOut;
    long bytesIn;
    long bytesOut;
    long timeoutsHandled;
    long eventsReported;

    NodeHandle(InMemoryNetwork network, InetSocketAddress address, C core) {
        this.network = network;
        this.address = address;
        this.core = core;
    }

    InMemoryNetwork network() {
        return network;
    }

    /** The node's virtual address. */
    public InetSocketAddress address() {
        return address;
    }

    /** The core; read its state freely, but change it only through the network's {@code call}/{@code invoke}. */
    public C core() {
        return core;
    }

    /** False after {@link InMemoryNetwork#kill} (until {@link InMemoryNetwork#revive}) or {@link InMemoryNetwork#remove}. */
    public boolean isAlive() {
        return alive;
    }

    /** The events reported and not yet taken, oldest first (a copy). */
    public List<E> events() {
        return new ArrayList<>(events);
    }

    /** The untaken events of type {@code type}, oldest first (a copy; nothing is taken). */
    public <T extends E> List<T> events(Class<T> type) {
        List<T> matching = new ArrayList<>();
        for (E e : events) {
            if (type.isInstance(e)) {
                matching.add(type.cast(e));
            }
        }
        return matching;
    }

    /** Number of untaken events. */
    public int eventCount() {
        return events.size();
    }

    /** Takes the oldest untaken event, or returns {@code null} when there is none. */
    public E pollEvent() {
        return events.pollFirst();
    }

    /** Takes every untaken event, oldest first. */
    public List<E> takeEvents() {
        List<E> all = new ArrayList<>(events);
        events.clear();
        return all;
    }

    /**
     * Also hands every event to {@code listener} as soon as it is drained ({@code null} removes it). The
     * listener may call back into the network ({@code call}, {@code invoke}, {@code schedule}) but not run it.
     */
    public NodeHandle<C, E> onEvent(Consumer<? super E> listener) {
        this.listener = listener;
        return this;
    }

    /** Whether drained events are kept for {@link #events()} (default true; turn off for big runs using a listener). */
    public NodeHandle<C, E> recordEvents(boolean record) {
        this.recordEvents = record;
        return this;
    }

    /** Datagrams delivered to this core. */
    public long datagramsIn() {
        return datagramsIn;
    }

    /** Datagrams this core emitted (before loss or interception). */
    public long datagramsOut() {
        return datagramsOut;
    }

    /** Payload bytes delivered to this core. */
    public long bytesIn() {
        return bytesIn;
    }

    /** Payload bytes this core emitted. */
    public long bytesOut() {
        return bytesOut;
    }

    /** Times the network called {@code handleTimeout} on this core. */
    public long timeoutsHandled() {
        return timeoutsHandled;
    }

    /** Events this core reported in total (taken or not, recorded or not). */
    public long eventsReported() {
        return eventsReported;
    }

    /** Virtual time of this node's pending timer, or {@link DatagramProtocol#NO_TIMEOUT}. */
    public long nextTimeout() {
        return timer.isQueued() ? timer.time : DatagramProtocol.NO_TIMEOUT;
    }

    /** Drains the core's events into this handle and the listener. */
    void drainEvents() {
        for (E e; (e = core.pollEvent()) != null; ) {
            eventsReported++;
            if (recordEvents) {
                events.addLast(e);
            }
            if (listener != null) {
                listener.accept(e);
            }
        }
    }

    @Override
    public String toString() {
        return "Node[" + address + (alive ? "" : ", dead") + ", " + core.getClass().getSimpleName() + "]";
    }
}
