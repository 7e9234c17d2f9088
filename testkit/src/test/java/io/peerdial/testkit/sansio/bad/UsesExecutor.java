package io.peerdial.testkit.sansio.bad;

import java.util.concurrent.Executors;

/** Fixture: an executor in a core. */
public class UsesExecutor {
    void schedule(Runnable r) {
        Executors.newSingleThreadScheduledExecutor().execute(r);
    }
}
