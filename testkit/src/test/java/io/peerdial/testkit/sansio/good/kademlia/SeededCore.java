package io.peerdial.testkit.sansio.good.kademlia;

import java.util.Random;
import java.util.random.RandomGenerator;

/** Fixture: what a core may do: take `now`, use an injected or explicitly seeded generator, name its thread. */
public class SeededCore {
    private final RandomGenerator random;
    private final Random replayable = new Random(42);
    private long deadline;

    public SeededCore(RandomGenerator random) {
        this.random = random;
    }

    public void handleTimeout(long now) {
        deadline = now + 1_000 + random.nextInt(100) + replayable.nextInt(10);
    }

    public long pollTimeout() {
        return deadline;
    }

    String who() {
        return Thread.currentThread().getName();
    }
}
