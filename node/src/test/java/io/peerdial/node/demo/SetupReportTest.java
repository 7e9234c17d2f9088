package io.peerdial.node.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetupReportTest {

    @Test
    void nearestRankPercentiles() {
        long[] hundred = new long[100];
        for (int i = 0; i < 100; i++) hundred[i] = 100 - i; // unsorted on purpose
        assertThat(SetupReport.percentile(hundred, 50)).isEqualTo(50);
        assertThat(SetupReport.percentile(hundred, 99)).isEqualTo(99);
        assertThat(SetupReport.percentile(hundred, 100)).isEqualTo(100);
        assertThat(SetupReport.percentile(new long[] {7, 3}, 50)).isEqualTo(3);
        assertThat(SetupReport.percentile(new long[] {7, 3}, 99)).isEqualTo(7);
        assertThat(SetupReport.percentile(new long[0], 50)).isZero();
        assertThatThrownBy(() -> SetupReport.percentile(hundred, 101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void firstCallApartSignallingLessLookupAndReorderedRingingsLeftOut() {
        List<CallTiming> calls = new ArrayList<>();
        calls.add(new CallTiming(9_000, 2_000_000, 2_500_000, 150)); // warm-up: must not enter the percentiles
        calls.add(new CallTiming(1_000, 11_000, 21_000, 20));
        calls.add(new CallTiming(3_000, -1, 33_000, 40)); // the 200 overtook the 180
        List<String> lines = SetupReport.lines(calls);
        assertThat(lines.get(0)).isEqualTo("first call: lookup 9.0 ms, INVITE->180 2000.0 ms, INVITE->200 2500.0 ms, answer->ICE 150 ms");
        assertThat(lines.get(1)).isEqualTo("calls 2..3 (n=2), p50 / p99:");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  lookup ").endsWith("1.0 /      3.0 ms (max 3.0, n=2)"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  signalling INVITE->180 - lookup").endsWith("10.0 /     10.0 ms (max 10.0, n=1)"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  signalling INVITE->200 - lookup").endsWith("20.0 /     30.0 ms (max 30.0, n=2)"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  answer->ICE completed").endsWith("20.0 /     40.0 ms (max 40.0, n=2)"));
    }

    @Test
    void aSingleCallGivesOnlyItsOwnLine() {
        assertThat(SetupReport.lines(List.of(new CallTiming(1_000, -1, 5_000, 30))))
                .containsExactly("first call: lookup 1.0 ms, INVITE->180 - ms, INVITE->200 5.0 ms, answer->ICE 30 ms");
    }
}
