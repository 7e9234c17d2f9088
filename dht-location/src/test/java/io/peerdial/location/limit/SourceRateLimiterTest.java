package io.peerdial.location.limit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceRateLimiterTest {

    @Test
    void burstThenSustainedRate() {
        var limiter = new SourceRateLimiter<String>(100, 10, 16);
        int granted = 0;
        for (int i = 0; i < 100; i++) if (limiter.tryAcquire(0, "a")) granted++;
        assertThat(granted).isEqualTo(10);
        granted = 0;
        for (long t = 1; t <= 1000; t++) if (limiter.tryAcquire(t, "a")) granted++;
        assertThat(granted).isEqualTo(100); // 100/s over one second
    }

    @Test
    void clockGoingBackwardsAddsNoTokens() {
        var limiter = new SourceRateLimiter<String>(1000, 1, 16);
        assertThat(limiter.tryAcquire(1000, "a")).isTrue();
        assertThat(limiter.tryAcquire(0, "a")).isFalse();
    }

    @Test
    void tracksABoundedNumberOfSources() {
        var limiter = new SourceRateLimiter<Integer>(1, 1, 3);
        for (int s = 0; s < 100; s++) limiter.tryAcquire(0, s);
        assertThat(limiter.trackedSources()).isEqualTo(3);
    }
}
