package io.peerdial.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VirtualClockTest {

    @Test
    void startsAtZeroOrTheGivenTimeAndMovesForward() {
        assertThat(new VirtualClock().now()).isZero();
        VirtualClock clock = new VirtualClock(1_700_000_000_000L);
        assertThat(clock.advance(250)).isEqualTo(1_700_000_000_250L);
        assertThat(clock.advance(0)).isEqualTo(1_700_000_000_250L);
        assertThat(clock.set(1_700_000_001_000L)).isEqualTo(1_700_000_001_000L);
        assertThat(clock.set(1_700_000_001_000L)).isEqualTo(clock.now());
    }

    @Test
    void neverGoesBackwards() {
        VirtualClock clock = new VirtualClock(100);
        assertThatThrownBy(() -> clock.set(99)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backwards");
        assertThatThrownBy(() -> clock.advance(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VirtualClock(-5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.now()).isEqualTo(100);
    }

    @Test
    void advanceOverflowIsRejected() {
        VirtualClock clock = new VirtualClock(Long.MAX_VALUE - 1);
        assertThatThrownBy(() -> clock.advance(2)).isInstanceOf(ArithmeticException.class);
    }
}
