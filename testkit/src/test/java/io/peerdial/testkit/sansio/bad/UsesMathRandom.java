package io.peerdial.testkit.sansio.bad;

/** Fixture: global randomness. */
public class UsesMathRandom {
    double jitter() {
        return Math.random();
    }
}
