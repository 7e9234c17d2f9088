package io.peerdial.testkit.sansio.bad;

/** Fixture: a core that starts its own thread, from inside a lambda. */
public class StartsThread {
    Runnable starter() {
        return () -> new Thread(() -> { }).start();
    }
}
