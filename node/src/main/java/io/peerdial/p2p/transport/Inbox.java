package io.peerdial.p2p.transport;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A bounded queue of items for consumers that wait with futures: an item completes the oldest waiting future
 * (cancelled ones are skipped: a blocking wait that timed out cancels its future), else it is queued; beyond
 * {@code capacity} queued items the newest is dropped (datagram semantics). After {@link #close} every waiter
 * and every later take fails with the closer's exception.
 */
public final class Inbox<T> {

    private final int capacity;
    private final Deque<T> items = new ArrayDeque<>();
    private final Deque<CompletableFuture<T>> waiters = new ArrayDeque<>();
    private Supplier<? extends Exception> closedBy;

    public Inbox(int capacity) {
        this.capacity = capacity;
    }

    /** Hands {@code item} to a waiter or queues it; false when it was dropped (full or closed). */
    public boolean offer(T item) {
        CompletableFuture<T> waiter;
        synchronized (this) {
            if (closedBy != null) {
                return false;
            }
            do {
                waiter = waiters.poll();
            } while (waiter != null && waiter.isDone());
            if (waiter == null) {
                if (items.size() >= capacity) {
                    return false;
                }
                items.add(item);
                return true;
            }
        }
        if (!waiter.complete(item)) {
            return offer(item); // cancelled between poll and complete
        }
        return true;
    }

    /** The next item, now or later. */
    public synchronized CompletableFuture<T> take() {
        T item = items.poll();
        if (item != null) {
            return CompletableFuture.completedFuture(item);
        }
        if (closedBy != null) {
            return CompletableFuture.failedFuture(closedBy.get());
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        waiters.add(f);
        return f;
    }

    /** Fails every waiter and every take once the queue is empty (queued items can still be taken). */
    public void close(Supplier<? extends Exception> why) {
        close(why, false);
    }

    /** As {@link #close(Supplier)}; {@code discard} drops the queued items as well. */
    public void close(Supplier<? extends Exception> why, boolean discard) {
        Deque<CompletableFuture<T>> failed;
        synchronized (this) {
            if (closedBy != null) {
                if (discard) {
                    items.clear();
                }
                return;
            }
            closedBy = why;
            if (discard) {
                items.clear();
            }
            failed = new ArrayDeque<>(waiters);
            waiters.clear();
        }
        for (CompletableFuture<T> f : failed) {
            f.completeExceptionally(why.get());
        }
    }

    /** Items queued now. */
    public synchronized int size() {
        return items.size();
    }
}
