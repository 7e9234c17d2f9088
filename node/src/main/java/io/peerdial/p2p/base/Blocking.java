package io.peerdial.p2p.base;

import io.peerdial.location.map.PublishException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The blocking face of the asynchronous API: waits for a future at most a timeout and turns every
 * failure into a {@link P2PException}. A timeout does not cancel the operation.
 */
public final class Blocking {

    private Blocking() {}

    /** The future's value, or a {@link P2PException} (TIMEOUT, INTERRUPTED, or the failure's own reason). */
    public static <T> T await(CompletableFuture<T> future, Duration timeout) {
        Objects.requireNonNull(future, "future");
        checkTimeout(timeout);
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new P2PException(P2PException.Reason.TIMEOUT, "no result within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new P2PException(P2PException.Reason.INTERRUPTED, "interrupted while waiting", e);
        } catch (ExecutionException e) {
            throw translate(e.getCause());
        }
    }

    /** A timeout must be positive: zero or negative would be a poll, which {@code *Async} methods serve. */
    public static Duration checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        return timeout;
    }

    /** A failure as the API reports it: P2PExceptions and API misuse as they are, the rest wrapped. */
    public static RuntimeException translate(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof P2PException p) return p;
        if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException) return (RuntimeException) cause;
        if (cause instanceof PublishException p) return new P2PException(P2PException.Reason.NOT_STORED, p.getMessage(), p);
        return new P2PException(P2PException.Reason.FAILED, String.valueOf(cause), cause);
    }

    /** {@code future} with its failures translated (for the asynchronous variants). */
    public static <T> CompletableFuture<T> translated(CompletableFuture<T> future) {
        CompletableFuture<T> out = new CompletableFuture<>();
        future.whenComplete((value, failure) -> {
            if (failure == null) out.complete(value);
            else out.completeExceptionally(translate(failure));
        });
        return out;
    }
}
