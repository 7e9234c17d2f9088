package io.peerdial.overlay.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuntimeClockTest {

    @Test
    void startsAtTheEpochTimeItWasGivenAndNeverGoesBack() {
        RuntimeClock clock = new RuntimeClock(1_000_000L, System.nanoTime());
        long first = clock.now();
        assertThat(first).isBetween(1_000_000L, 1_000_000L + 60_000L);
        long previous = first;
        for (int i = 0; i < 10_000; i++) {
            long now = clock.now();
            assertThat(now).isGreaterThanOrEqualTo(previous);
            previous = now;
        }
    }

    @Test
    void defaultClockIsAlignedToTheUnixEpoch() {
        long wall = System.currentTimeMillis();
        assertThat(new RuntimeClock().now()).isBetween(wall - 1_000, wall + 1_000);
    }
}
