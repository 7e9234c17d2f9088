package io.peerdial.p2p;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Blocking waits on the API's futures, with the causes unwrapped. */
final class Futures {

    private Futures() {
    }

    /** Waits for {@code f} ({@code timeout} null: forever); on time-out the future is cancelled. */
    static <T> T await(CompletableFuture<T> f, Duration timeout, String what) throws IOException, TimeoutException {
        try {
            return timeout == null ? f.get() : f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(false);
            throw new TimeoutException(what + " timed out after " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            f.cancel(false);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(what + " interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(what + " failed: " + c, c);
        }
    }

    static void checkTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout: " + timeout);
        }
    }
}
