package io.peerdial.testkit.sansio.bad;

import java.util.concurrent.ThreadLocalRandom;

/** Fixture: thread-local randomness. */
public class UsesThreadLocalRandom {
    int pick(int n) {
        return ThreadLocalRandom.current().nextInt(n);
    }
}
