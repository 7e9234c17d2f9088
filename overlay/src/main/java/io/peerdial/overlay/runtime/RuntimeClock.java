package io.peerdial.overlay.runtime;

/**
 * The one clock of the real runtime: monotonic (from {@link System#nanoTime()}, so it never goes
 * backwards when the wall clock is stepped) and aligned to the Unix epoch at start, so that the
 * absolute expiry times in signed records can be compared with it. Milliseconds.
 */
public final class RuntimeClock {

    private final long epochAtStartMs;
    private final long nanoAtStart;

    public RuntimeClock() {
        this(System.currentTimeMillis(), System.nanoTime());
    }

    RuntimeClock(long epochAtStartMs, long nanoAtStart) {
        this.epochAtStartMs = epochAtStartMs;
        this.nanoAtStart = nanoAtStart;
    }

    /** Milliseconds since the Unix epoch, as of start-up plus the monotonic time elapsed since. */
    public long now() {
        return epochAtStartMs + (System.nanoTime() - nanoAtStart) / 1_000_000;
    }
}
