package io.peerdial.simulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class SpinningExecutorTest {

    @Test
    void everyPartitionRunsOncePerWindowOnItsOwnThread() {
        try (SpinningExecutor e = new SpinningExecutor(3)) {
            AtomicIntegerArray runs = new AtomicIntegerArray(3);
            Set<String> threads = ConcurrentHashMap.newKeySet();
            for (int w = 0; w < 2_000; w++) {
                e.runAll(3, p -> {
                    runs.incrementAndGet(p);
                    threads.add(Thread.currentThread().getName());
                });
                // runAll returns only after every partition's window has returned
                assertThat(runs.get(0) + runs.get(1) + runs.get(2)).isEqualTo(3 * (w + 1));
            }
            assertThat(threads).hasSize(3).contains(Thread.currentThread().getName(), "sim-partition-1", "sim-partition-2");
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
    void partitionsMustMatchThreads() {
        try (SpinningExecutor e = new SpinningExecutor(2)) {
            assertThatThrownBy(() -> e.runAll(3, p -> { })).isInstanceOf(IllegalArgumentException.class);
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
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("sim-partition-1") && t.isAlive());
        assertThatThrownBy(() -> e.runAll(2, p -> { })).isInstanceOf(IllegalStateException.class);
    }
}
