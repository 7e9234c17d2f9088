package io.peerdial.simulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class SpinningExecutorTest {

    @Test
    void everyPartitionRunsOncePerWindow() {
        try (SpinningExecutor e = new SpinningExecutor(3)) {
            int partitions = 7; // more than threads, in ranges of 2, 2 and 3
            AtomicIntegerArray runs = new AtomicIntegerArray(partitions);
            for (int w = 0; w < 2_000; w++) {
                e.runAll(partitions, (p, t) -> runs.incrementAndGet(p));
                // runAll returns only after every partition's window has returned
                for (int p = 0; p < partitions; p++) assertThat(runs.get(p)).isEqualTo(w + 1);
            }
        }
    }

    @Test
    void theWorkersClaimPartitionsOfTheSameWindow() {
        try (SpinningExecutor e = new SpinningExecutor(2)) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            e.runAll(e.threads(), (p, t) -> {
                threads.add(Thread.currentThread().getName());
                // whoever claimed partition 0 waits for the other thread to claim one of the rest
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (p == 0 && threads.size() < 2 && System.nanoTime() < deadline) Thread.onSpinWait();
            });
            assertThat(threads).containsExactlyInAnyOrder(Thread.currentThread().getName(), "sim-worker-1");
        }
    }

    @Test
    void aThreadRunsItsOwnRangeFirstThenTakesTheLastOfAnother() {
        try (SpinningExecutor e = new SpinningExecutor(2, 3)) {
            assertThat(e.partitions()).isEqualTo(6); // the caller owns 0..2, the worker 3..5
            List<Integer> byWorker = Collections.synchronizedList(new ArrayList<>());
            AtomicIntegerArray ran = new AtomicIntegerArray(6);
            e.runAll(e.partitions(), (p, t) -> {
                if (Thread.currentThread().getName().equals("sim-worker-1")) byWorker.add(p);
                // the caller is held in its first partition until its last one has run: only the worker can run it
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (p == 0 && ran.get(2) == 0 && System.nanoTime() < deadline) Thread.onSpinWait();
                ran.set(p, 1);
            });
            assertThat(byWorker.subList(0, 4)).containsExactly(3, 4, 5, 2); // own front to back, then the other's back
            for (int p = 0; p < 6; p++) assertThat(ran.get(p)).isEqualTo(1);
        }
    }

    @Test
    void partitionsPerThreadOnlyCountWithSeveralThreads() {
        try (SpinningExecutor one = new SpinningExecutor(1, 8); SpinningExecutor two = new SpinningExecutor(2, 8)) {
            assertThat(one.partitions()).isEqualTo(1);
            assertThat(two.partitions()).isEqualTo(16);
        }
        assertThatThrownBy(() -> new SpinningExecutor(2, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partitionsPerThread");
    }

    @Test
    void aWorkersFailureReachesTheCallerAndTheExecutorGoesOn() {
        try (SpinningExecutor e = new SpinningExecutor(2)) {
            assertThatThrownBy(() -> e.runAll(2, (p, t) -> {
                if (p == 1) throw new IllegalStateException("boom in " + p);
            })).isInstanceOf(IllegalStateException.class).hasMessage("boom in 1");
            int[] seen = new int[2];
            e.runAll(2, (p, t) -> seen[p]++);
            assertThat(seen).containsExactly(1, 1);
        }
    }

    @Test
    void anyNumberOfPartitionsRunsOnTheThreads() {
        try (SpinningExecutor two = new SpinningExecutor(2)) {
            int[] seen = new int[5];
            two.runAll(5, (p, t) -> seen[p]++); // more partitions than threads
            assertThat(seen).containsOnly(1);
            int[] single = new int[1];
            two.runAll(1, (p, t) -> single[p]++); // fewer: a thread with an empty range takes the other's
            assertThat(single).containsOnly(1);
            assertThatThrownBy(() -> two.runAll(0, (p, t) -> { })).isInstanceOf(IllegalArgumentException.class);
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
        e.runAll(2, (p, t) -> { });
        Thread worker = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("sim-worker-1")).findFirst().orElseThrow();
        // the worker gives up spinning after ~1 ms and parks (state WAITING); wait for that, not for a guessed time
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (worker.getState() != Thread.State.WAITING && System.nanoTime() < deadline) Thread.onSpinWait();
        assertThat(worker.getState()).isEqualTo(Thread.State.WAITING);
        e.close();
        worker.join(10_000);
        assertThat(worker.isAlive()).isFalse();
        assertThatThrownBy(() -> e.runAll(2, (p, t) -> { })).isInstanceOf(IllegalStateException.class);
    }
}
