package io.peerdial.node.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LookupStatsTest {

    @Test
    void percentilesAreNearestRankAndDrainStartsAnew() {
        LookupStats stats = new LookupStats();
        for (int i = 1; i <= 100; i++) stats.record(i, i <= 60 ? 2 : 3);
        stats.recordFailure();
        LookupStats.Summary s = stats.drain();
        assertThat(s).isEqualTo(new LookupStats.Summary(100, 1, 50, 99, 100, 2, 3, 3));
        assertThat(stats.drain()).isEqualTo(new LookupStats.Summary(0, 0, -1, -1, -1, -1, -1, -1));
    }

    @Test
    void longLookupsAndManyRoundsLandInTheLastSlotAndUnknownRoundsAreLeftOut() {
        LookupStats stats = new LookupStats();
        stats.record(60_000, 100);
        stats.record(5, -1);
        LookupStats.Summary s = stats.drain();
        assertThat(s.maxMs()).isEqualTo(LookupStats.MAX_MS);
        assertThat(s.p50Ms()).isEqualTo(5);
        assertThat(s.maxRounds()).isEqualTo(LookupStats.MAX_ROUNDS);
        assertThat(s.p50Rounds()).as("one lookup with known rounds").isEqualTo(LookupStats.MAX_ROUNDS);
        assertThatThrownBy(() -> stats.record(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
