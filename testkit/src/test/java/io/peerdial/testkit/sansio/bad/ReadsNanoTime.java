package io.peerdial.testkit.sansio.bad;

/** Fixture: monotonic clock read inside a core. */
public class ReadsNanoTime {
    long elapsed(long start) {
        return System.nanoTime() - start;
    }
}
