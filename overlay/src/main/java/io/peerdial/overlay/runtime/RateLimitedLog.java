package io.peerdial.overlay.runtime;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Logs at most one line per kind of problem per interval and says how many were suppressed in
 * between, so that a peer (or a bug) that triggers the same failure a million times per second
 * cannot flood the log. Not thread-safe: each event loop owns one.
 */
public final class RateLimitedLog {

    private final Logger log;
    private final long intervalMs;
    private final Map<String, long[]> byKind = new HashMap<>(); // kind -> {lastLoggedAt, suppressed}

    public RateLimitedLog(Logger log, long intervalMs) {
        if (intervalMs <= 0) throw new IllegalArgumentException("intervalMs must be positive, got " + intervalMs);
        this.log = log;
        this.intervalMs = intervalMs;
    }

    /** Logs {@code message} (and the stack trace of {@code error}, if any) unless this kind was logged recently. */
    public void warn(long now, String kind, String message, Throwable error) {
        long[] state = byKind.computeIfAbsent(kind, k -> new long[] {Long.MIN_VALUE, 0});
        if (state[0] != Long.MIN_VALUE && now - state[0] < intervalMs) {
            state[1]++;
            return;
        }
        String suppressed = state[1] == 0 ? "" : " (" + state[1] + " more of this kind suppressed)";
        state[0] = now;
        state[1] = 0;
        if (error == null) {
            log.warn("{}{}", message, suppressed);
        } else {
            log.warn("{}{}", message, suppressed, error);
        }
    }
}
