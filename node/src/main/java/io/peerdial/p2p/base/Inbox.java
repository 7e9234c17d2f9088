package io.peerdial.p2p.base;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;

/**
 * A bounded queue between the overlay's loop (which {@link #offer}s) and receivers (which take a
 * future per message). A full inbox refuses: the sender then learns the message was not delivered,
 * instead of this node buffering without limit. Thread-safe; futures complete outside the lock.
 *
 * @param <T> the message type
 */
public final class Inbox<T> {

    private final int capacity;
    private final Deque<T> queued = new ArrayDeque<>();
    private final Deque<CompletableFuture<T>> waiting = new ArrayDeque<>();
    private boolean closed;

    public Inbox(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        this.capacity = capacity;
    }

    /** Hands {@code message} to a waiting receiver or queues it; false when full or closed. */
    public boolean offer(T message) {
        CompletableFuture<T> receiver;
        synchronized (this) {
            if (closed) return false;
            receiver = pollLiveWaiter();
            if (receiver == null) {
                if (queued.size() >= capacity) return false;
                queued.add(message);
                return true;
            }
        }
        receiver.complete(message);
        return true;
    }

    /** The next message; a future completed at once when one is queued. Fails with CLOSED after {@link #close}. */
    public synchronized CompletableFuture<T> take() {
        if (!queued.isEmpty()) return CompletableFuture.completedFuture(queued.poll());
        if (closed) return CompletableFuture.failedFuture(new P2PException(P2PException.Reason.CLOSED, "closed"));
        CompletableFuture<T> f = new CompletableFuture<>();
        waiting.add(f);
        return f;
    }

    /**
     * Blocks for the next message at most {@code timeout}; a receiver that times out gives its place
     * back, so no message is lost to it.
     *
     * @throws P2PException TIMEOUT, INTERRUPTED or CLOSED
     */
    public T take(java.time.Duration timeout) {
        CompletableFuture<T> f = take();
        try {
            return Blocking.await(f, timeout);
        } catch (P2PException e) {
            if (e.reason() == P2PException.Reason.CLOSED || f.cancel(false)) throw e;
            return f.join(); // completed between the timeout and the cancel
        }
    }

    /** Messages queued now. */
    public synchronized int size() {
        return queued.size();
    }

    /** Refuses further messages and fails every waiting receiver with CLOSED; queued messages stay readable. */
    public void close() {
        Deque<CompletableFuture<T>> failed;
        synchronized (this) {
            closed = true;
            failed = new ArrayDeque<>(waiting);
            waiting.clear();
        }
        failed.forEach(f -> f.completeExceptionally(new P2PException(P2PException.Reason.CLOSED, "closed")));
    }

    /** A receiver that gave up (cancelled its future, e.g. after a timeout) does not consume a message. */
    private CompletableFuture<T> pollLiveWaiter() {
        for (Iterator<CompletableFuture<T>> it = waiting.iterator(); it.hasNext(); ) {
            CompletableFuture<T> f = it.next();
            it.remove();
            if (!f.isDone()) return f;
        }
        return null;
    }
}
