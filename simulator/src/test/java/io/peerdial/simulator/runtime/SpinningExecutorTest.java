package io.peerdial.simulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class SpinningExecutorTest {

    @Test
    void everyPartitionRunsOncePerWindow() {
        try (SpinningExecutor e = new SpinningExecutor(3)) {
            int partitions = 7; // more than threads: claimed one after the other
            AtomicIntegerArray runs = new AtomicIntegerArray(partitions);
            for (int w = 0; w < 2_000; w++) {
                e.runAll(partitions, runs::incrementAndGet);
                // runAll returns only after every partition's window has returned
                for (int p = 0; p < partitions; p++) assertThat(runs.get(p)).isEqualTo(w + 1);
            }
        }
    }

    @Test
    void theWorkersClaimPartitionsOfTheSameWindow() {
        try (SpinningExecutor e = new SpinningExecutor(2)) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            e.runAll(e.threads(), p -> {
                threads.add(Thread.currentThread().getName());
                // whoever claimed partition 0 waits for the other thread to claim one of the rest
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (p == 0 && threads.size() < 2 && System.nanoTime() < deadline) Thread.onSpinWait();
            });
            assertThat(threads).containsExactlyInAnyOrder(Thread.currentThread().getName(), "sim-worker-1");
        }
    }

    @Test
    void aWorkersFailureReachesTheCallerAndTheExecutorGoesOn() {
        try (SpinningExecutor e = new SpinningExecutor(2)) {
            assertThatThrownBy(() -> e.runAll(2, p -> {
                if (p == 1) throw new IllegalStateException("boom in " + p);
            })).isInstanceOf(IllegalStateException.class).hasMessage("boom in 1");
            int[] seen = new int[2];
            e.runAll(2, p -> seen[p]++);
            assertThat(seen).containsExactly(1, 1);
        }
    }

    @Test
    void anyNumberOfPartitionsRunsOnTheThreads() {
        try (SpinningExecutor two = new SpinningExecutor(2)) {
            int[] seen = new int[5];
            two.runAll(5, p -> seen[p]++); // more partitions than threads: claimed one after the other
            assertThat(seen).containsOnly(1);
            assertThatThrownBy(() -> two.runAll(0, p -> { })).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new SpinningExecutor(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zeroThreadsMeansOnePerCoreUpToEight() {
        assertThat(SpinningExecutor.threadsFor(3)).isEqualTo(3);
        assertThat(SpinningExecutor.threadsFor(0))
                .isEqualTo(Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors())));
    }

    @Test
    void closeStopsTheWorkersEvenWhenParked() throws Exception {
        SpinningExecutor e = new SpinningExecutor(2);
        e.runAll(2, p -> { });
        Thread.sleep(50); // long enough for the worker to give up spinning and park
        e.close();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("sim-worker-1") && t.isAlive());
        assertThatThrownBy(() -> e.runAll(2, p -> { })).isInstanceOf(IllegalStateException.class);
    }
}
