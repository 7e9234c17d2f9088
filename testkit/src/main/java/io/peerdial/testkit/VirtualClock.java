package io.peerdial.testkit;

/**
 * A hand-driven clock in milliseconds for tests of sans-IO cores: pass {@link #now()} wherever a core
 * takes {@code long now}, and move time with {@link #advance} or {@link #set}.
 *
 * <p>Like the cores' own contract, time never goes backwards: an attempt to do so is a test bug and
 * fails with {@link IllegalArgumentException}.
 *
 * <pre>{@code
 * VirtualClock clock = new VirtualClock();
 * core.handleDatagram(clock.now(), peer, bytes);
 * clock.advance(1_000);
 * core.handleTimeout(clock.now());
 * }</pre>
 */
public final class VirtualClock {

    private long now;

    /** A clock starting at time 0. */
    public VirtualClock() {
        this(0);
    }

    /** A clock starting at {@code start} (e.g. an epoch-aligned time for records with absolute expiry). */
    public VirtualClock(long start) {
        if (start < 0) {
            throw new IllegalArgumentException("start must be >= 0: " + start);
        }
        this.now = start;
    }

    /** The current virtual time in milliseconds. */
    public long now() {
        return now;
    }

    /** Moves the clock forward by {@code millis} (0 allowed) and returns the new time. */
    public long advance(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("cannot advance by a negative amount: " + millis);
        }
        return set(Math.addExact(now, millis));
    }

    /** Sets the clock to {@code time}, which must not be earlier than {@link #now()}; returns it. */
    public long set(long time) {
        if (time < now) {
            throw new IllegalArgumentException("time cannot go backwards: " + time + " < " + now);
        }
        now = time;
        return now;
    }

    @Override
    public String toString() {
        return "VirtualClock[" + now + " ms]";
    }
}
