package io.peerdial.simulator.engine;

import java.util.function.IntConsumer;

/**
 * Runs the partitions' windows of one step (see {@link Partition}): on the calling thread one after
 * the other ({@link #SEQUENTIAL}), or on several threads at once (the runtime's
 * {@code io.peerdial.simulator.runtime.SpinningExecutor}). The engine itself starts no thread, so
 * it stays a deterministic core; the results are the same with either.
 */
public interface PartitionExecutor {

    /** Calls {@code window.accept(p)} for every p in [0, partitions) and returns when all have returned. */
    void runAll(int partitions, IntConsumer window);

    /** Threads this executor runs windows on; the engine makes that many partitions. */
    int threads();

    /** One thread: every partition's window in turn. */
    PartitionExecutor SEQUENTIAL = new PartitionExecutor() {
        @Override
        public void runAll(int partitions, IntConsumer window) {
            for (int p = 0; p < partitions; p++) window.accept(p);
        }

        @Override
        public int threads() {
            return 1;
        }
    };
}
