package io.peerdial.testkit;

import io.peerdial.overlay.protocol.DatagramProtocol;
import io.peerdial.overlay.protocol.Transmit;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Records the datagrams a single core emits, for unit tests that drive one core by hand and look at
 * the bytes that went out (OkHttp style: check the bytes, not which method was called).
 *
 * <p>Every drained {@link Transmit} goes both into a permanent history ({@link #history()}) and into
 * a queue of not-yet-inspected datagrams that the {@code take*} methods consume in send order.
 * Failed expectations throw {@link AssertionError} with the pending datagrams in the message.
 *
 * <pre>{@code
 * RecordingTransport out = new RecordingTransport();
 * core.findNode(clock.now(), target);
 * out.drain(core);
 * byte[] request = out.takeNextTo(bootstrap);   // fails if nothing was sent there
 * out.assertNothingSent();                       // and nothing else either
 * }</pre>
 */
public final class RecordingTransport {

    private final List<Transmit> history = new ArrayList<>();
    private final ArrayDeque<Transmit> pending = new ArrayDeque<>();

    /** Drains every pending transmit of {@code core} into this recorder; returns how many there were. */
    public int drain(DatagramProtocol<?> core) {
        int count = 0;
        for (Transmit t; (t = core.pollTransmit()) != null; ) {
            record(t);
            count++;
        }
        return count;
    }

    /** {@link #drain}s {@code core} and returns this transport, for {@code out.drainFrom(core).takeNextTo(peer)}. */
    public RecordingTransport drainFrom(DatagramProtocol<?> core) {
        drain(core);
        return this;
    }

    /** Records one transmit (for drivers that drain the core themselves). */
    public void record(Transmit transmit) {
        Objects.requireNonNull(transmit, "transmit");
        history.add(transmit);
        pending.addLast(transmit);
    }

    /** Every transmit ever recorded, in send order, including the ones already taken. */
    public List<Transmit> history() {
        return List.copyOf(history);
    }

    /** The transmits not yet taken, in send order. */
    public List<Transmit> pending() {
        return List.copyOf(pending);
    }

    /** Number of transmits not yet taken. */
    public int pendingCount() {
        return pending.size();
    }

    /** Removes and returns the oldest pending transmit; fails if there is none. */
    public Transmit takeNext() {
        Transmit t = pending.pollFirst();
        if (t == null) {
            throw new AssertionError("expected a datagram to have been sent, but none is pending");
        }
        return t;
    }

    /** Removes and returns the oldest pending transmit to {@code destination}; fails if there is none. */
    public Transmit takeNextTransmitTo(InetSocketAddress destination) {
        Objects.requireNonNull(destination, "destination");
        for (Iterator<Transmit> it = pending.iterator(); it.hasNext(); ) {
            Transmit t = it.next();
            if (t.destination().equals(destination)) {
                it.remove();
                return t;
            }
        }
        throw new AssertionError("expected a datagram to " + destination + ", pending: " + describe(pending));
    }

    /** Payload of the oldest pending transmit to {@code destination}, which is removed; fails if there is none. */
    public byte[] takeNextTo(InetSocketAddress destination) {
        return takeNextTransmitTo(destination).payload();
    }

    /** Removes and returns every pending transmit, in send order (possibly none). */
    public List<Transmit> takeAll() {
        List<Transmit> all = List.copyOf(pending);
        pending.clear();
        return all;
    }

    /** Removes and returns every pending transmit to {@code destination}, in send order (possibly none). */
    public List<Transmit> takeAllTo(InetSocketAddress destination) {
        Objects.requireNonNull(destination, "destination");
        List<Transmit> taken = new ArrayList<>();
        for (Iterator<Transmit> it = pending.iterator(); it.hasNext(); ) {
            Transmit t = it.next();
            if (t.destination().equals(destination)) {
                it.remove();
                taken.add(t);
            }
        }
        return taken;
    }

    /** Fails unless no transmit is pending. */
    public void assertNothingSent() {
        if (!pending.isEmpty()) {
            throw new AssertionError("expected no datagram, pending: " + describe(pending));
        }
    }

    /** Fails if a transmit to {@code destination} is pending. */
    public void assertNothingSentTo(InetSocketAddress destination) {
        Objects.requireNonNull(destination, "destination");
        for (Transmit t : pending) {
            if (t.destination().equals(destination)) {
                throw new AssertionError("expected no datagram to " + destination + ", pending: " + describe(pending));
            }
        }
    }

    /** Forgets the pending transmits (the history is kept). */
    public void clearPending() {
        pending.clear();
    }

    private static String describe(Iterable<Transmit> transmits) {
        StringBuilder sb = new StringBuilder("[");
        for (Transmit t : transmits) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(t.payload().length).append(" bytes -> ").append(t.destination());
        }
        return sb.append(']').toString();
    }

    @Override
    public String toString() {
        return "RecordingTransport[pending=" + describe(pending) + ", history=" + history.size() + "]";
    }
}
