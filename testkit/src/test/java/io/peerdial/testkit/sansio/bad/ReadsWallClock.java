package io.peerdial.testkit.sansio.bad;

/** Fixture: reads the clock instead of taking `now`. */
public class ReadsWallClock {
    long expiry() {
        return System.currentTimeMillis() + 60_000;
    }
}
