package io.peerdial.node.media.audio;

/**
 * A drift-free send schedule: frame {@code n} is due at {@code start + n × interval}, computed from the
 * start every time instead of "last wake-up + interval". This is the shtoom LoopingCall fix (SHT-04 in
 * the shared vectors: {@code delay = (start - now) + n × interval}): a timer that always fires a little
 * late (a 10 ms OS tick makes a 20 ms sleep last 30 ms) delays single frames but never the schedule.
 *
 * <p>Catch-up policy: after a stall (GC pause, suspended laptop) {@link #tick(long)} reports every missed
 * frame as due, up to {@code maxBurst} frames; older ones are skipped (counted in {@link #skipped()}) by
 * moving {@code n} forward on the same grid, so the deadlines stay multiples of the interval from the
 * start. Sending a long backlog at once would only fill the far end's jitter buffer with stale audio.
 */
public final class SendClock {

    public static final int DEFAULT_MAX_BURST = 5;

    private final long start;
    private final int intervalMs;
    private final int maxBurst;
    private long sent;      // n: frames handed out so far
    private long skipped;

    public SendClock(long start) {
        this(start, AudioCodec.FRAME_MS, DEFAULT_MAX_BURST);
    }

    public SendClock(long start, int intervalMs, int maxBurst) {
        if (intervalMs <= 0 || maxBurst <= 0) {
            throw new IllegalArgumentException("interval and burst must be positive: " + intervalMs + "/" + maxBurst);
        }
        this.start = start;
        this.intervalMs = intervalMs;
        this.maxBurst = maxBurst;
    }

    /** When the next frame is due: {@code start + n × interval}. */
    public long nextDeadline() {
        return start + sent * intervalMs;
    }

    /** How long a driver should wait from {@code now} (never negative): SHT-04's {@code delay}. */
    public long delayUntilNext(long now) {
        return Math.max(0, nextDeadline() - now);
    }

    /**
     * The number of frames due at {@code now} (0 before the next deadline), which the caller sends
     * now; at most {@code maxBurst}, the rest skipped.
     */
    public int tick(long now) {
        if (now < nextDeadline()) {
            return 0;
        }
        long due = (now - start) / intervalMs + 1 - sent; // every deadline <= now not yet handed out
        if (due > maxBurst) {
            skipped += due - maxBurst;
            sent += due - maxBurst;
            due = maxBurst;
        }
        sent += due;
        return (int) due;
    }

    /** Frames handed out by {@link #tick}: the index of the next frame. */
    public long framesSent() {
        return sent;
    }

    /** Frames passed over by the catch-up policy. */
    public long skipped() {
        return skipped;
    }
}
