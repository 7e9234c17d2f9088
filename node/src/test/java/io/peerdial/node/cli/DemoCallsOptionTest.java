package io.peerdial.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code peerdial demo --calls N}: the demo call, then N - 1 timed calls and their setup split. */
class DemoCallsOptionTest {

    @Test
    void threeCallsPrintTheFirstCallAndPercentilesOfTheOthers() {
        CliRun r = CliRun.of("demo", "--calls", "3", "--nodes", "2");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).startsWith("demo ok: setup ")
                .contains("first call: lookup ")
                .contains("calls 2..3 (n=2), p50 / p99:")
                .containsPattern("lookup +[0-9.]+ / +[0-9.]+ ms \\(max [0-9.]+, n=2\\)")
                .containsPattern("INVITE->200 +[0-9.]+ / +[0-9.]+ ms \\(max [0-9.]+, n=2\\)")
                .containsPattern("answer->ICE completed +[0-9.]+ / +[0-9.]+ ms \\(max [0-9.]+, n=2\\)");
    }

    @Test
    void zeroCallsIsAUsageError() {
        CliRun r = CliRun.of("demo", "--calls", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("calls 1..10000");
    }
}
