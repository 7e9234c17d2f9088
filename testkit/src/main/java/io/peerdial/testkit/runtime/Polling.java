package io.peerdial.testkit.runtime;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a real-socket system to reach a state (a flow registered, a binding published). Only
 * for tests that drive real threads and sockets; deterministic tests use {@link io.peerdial.testkit.VirtualClock}.
 */
public final class Polling {

    private static final long STEP_MS = 50;

    private Polling() {
    }

    /** Polls {@code condition} every 50 ms; fails with "not within T: what" once {@code limit} passed. */
    public static void await(Duration limit, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + limit.toSeconds() + " s: " + what);
            }
            Thread.sleep(STEP_MS);
        }
    }
}
