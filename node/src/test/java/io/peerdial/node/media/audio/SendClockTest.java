package io.peerdial.node.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** SHT-04 (shtoom LoopingCall): delay_n = (start - now) + n × interval, so lateness never accumulates. */
class SendClockTest {

    @Test
    void sht04DelayIsMeasuredFromTheStart() {
        SendClock clock = new SendClock(1000);
        assertThat(clock.tick(1000)).isEqualTo(1);   // n = 1 after the first call
        // woken 3 ms late: (start - now) + n × interval = (1000 - 1003) + 20 = 17
        assertThat(clock.tick(1003)).isZero();
        assertThat(clock.delayUntilNext(1003)).isEqualTo(17);
        assertThat(clock.nextDeadline()).isEqualTo(1020);
        assertThat(clock.tick(1029)).isEqualTo(1);
        assertThat(clock.delayUntilNext(1029)).isEqualTo(11); // (1000 - 1029) + 2 × 20
    }

    @Test
    void aCoarseTimerDoesNotDriftTheSchedule() {
        // the paper's failure: a 10 ms OS tick turns "sleep 20 ms" into 30 ms. Simulate a driver that
        // sleeps delayUntilNext, rounded up to the next 10 ms tick, for 10 simulated minutes.
        long start = 5;
        SendClock clock = new SendClock(start);
        long now = start;
        long frames = 0;
        long naiveNow = start;
        long naiveFrames = 0;
        long end = start + 600_000;
        while (now < end) {
            frames += clock.tick(now);
            long delay = Math.max(1, clock.delayUntilNext(now));
            now = ((now + delay + 9) / 10) * 10;
        }
        while (naiveNow < end) {
            naiveFrames++;
            naiveNow = ((naiveNow + 20 + 9) / 10) * 10 + 1; // "callLater(0.020)" from whenever it woke
        }
        long ideal = (end - start) / 20;
        assertThat(Math.abs(frames - ideal)).isLessThanOrEqualTo(1);
        assertThat(clock.nextDeadline()).isEqualTo(start + clock.framesSent() * 20);
        assertThat(clock.skipped()).isZero();
        assertThat(naiveFrames).isLessThan(ideal * 3 / 4); // the naive loop falls behind by a third
    }

    @Test
    void catchUpAfterAStallIsBoundedAndStaysOnTheGrid() {
        SendClock clock = new SendClock(0, 20, 5);
        assertThat(clock.tick(0)).isEqualTo(1);
        assertThat(clock.tick(1_000)).isEqualTo(5);     // 50 frames were due; 5 sent, 45 skipped
        assertThat(clock.skipped()).isEqualTo(45);
        assertThat(clock.nextDeadline()).isEqualTo(1_020);
        assertThat(clock.nextDeadline() % 20).isZero();
        assertThat(clock.tick(1_019)).isZero();
        assertThat(clock.tick(1_020)).isEqualTo(1);
        assertThat(clock.tick(1_055)).isEqualTo(1);     // the 1040 frame
        assertThat(clock.tick(1_085)).isEqualTo(2);     // the 1060 and 1080 frames
    }

    @Test
    void badIntervalsAreRefused() {
        assertThatThrownBy(() -> new SendClock(0, 0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SendClock(0, 20, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
