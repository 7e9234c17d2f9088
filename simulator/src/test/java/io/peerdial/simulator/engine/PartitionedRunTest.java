package io.peerdial.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.simulator.experiment.Experiment;
import io.peerdial.simulator.io.ExperimentFiles;
import io.peerdial.simulator.runtime.SpinningExecutor;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** However the nodes are split into partitions, and whatever runs them, a run is the same run. */
class PartitionedRunTest {

    /**
     * Partitions on one thread in a chosen order, each posing as one of {@code threads} threads (so
     * datagrams go through every thread's outbox): the split without the threads.
     */
    private record InOrder(int threads, boolean reversed) implements PartitionExecutor {
        @Override
        public void runAll(int partitions, Window window) {
            for (int i = 0; i < partitions; i++) {
                int p = reversed ? partitions - 1 - i : i;
                window.run(p, (p + i) % threads);
            }
        }
    }

    /** Joins crowded into one second: many nodes finish joining in the same millisecond, so the order matters. */
    private static Experiment churn() throws Exception {
        return ExperimentFiles.load("churn").with("nodes", "200").with("join.seconds", "1").with("warmup", "10")
                .with("duration", "30").with("churn.medianSeconds", "120").with("lookups.perNodePerHour", "120")
                .with("storage.putsPerSecond", "2").with("storage.getsPerSecond", "4").with("seed", "11");
    }

    /** The run with one partition, which the others must equal. */
    private static Map<String, Object> one;

    @BeforeAll
    static void runWithOnePartition() throws Exception {
        one = run(PartitionExecutor.SEQUENTIAL);
    }

    private static Map<String, Object> outcome(Simulation sim) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(sim.metrics().summary());
        m.put("events", sim.events());
        m.put("datagrams", sim.datagramsSent());
        m.put("nodesCreated", sim.nodeCount());
        m.put("series", sim.metrics().series().stream().map(java.util.Arrays::toString).toList());
        return m;
    }

    private static Map<String, Object> run(PartitionExecutor executor) throws Exception {
        Simulation sim = new Simulation(churn(), executor);
        sim.run(null);
        assertThat(sim.partitionCount()).isEqualTo(executor.partitions());
        return outcome(sim);
    }

    @Test
    void theSplitDoesNotChangeTheRun() throws Exception {
        assertThat((long) one.get("events")).isGreaterThan(50_000); // a run with churn, lookups and storage
        assertThat(run(new InOrder(2, false))).isEqualTo(one);
        assertThat(run(new InOrder(3, true))).isEqualTo(one);
        assertThat(run(new InOrder(7, true))).isEqualTo(one);
    }

    @Test
    void threadsDoNotChangeTheRun() throws Exception {
        try (SpinningExecutor two = new SpinningExecutor(2)) {
            assertThat(run(two)).isEqualTo(one);
        }
        try (SpinningExecutor twoWithThreeEach = new SpinningExecutor(2, 3)) { // idle threads take others' partitions
            assertThat(run(twoWithThreeEach)).isEqualTo(one);
        }
    }

    @Test
    void theSeedStillMatters() throws Exception {
        Simulation b = new Simulation(churn().with("seed", "12"), new InOrder(2, false));
        b.run(null);
        assertThat(outcome(b)).isNotEqualTo(one);
    }

    @Test
    void adversarialRunsUseOnePartition() throws Exception {
        Experiment e = churn().with("adversary.fraction", "0.2");
        Simulation sim = new Simulation(e, new InOrder(3, false));
        assertThat(sim.partitionCount()).isEqualTo(1);
    }
}
