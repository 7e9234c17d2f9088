package io.peerdial.testkit.sansio.bad;

import java.util.Random;

/** Fixture: a generator seeded from the clock. */
public class UsesUnseededRandom {
    Random random = new Random();
}
