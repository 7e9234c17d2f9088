package io.peerdial.simulator.engine;

/**
 * Runs the partitions' windows of one step (see {@link Partition}): on the calling thread one after
 * the other ({@link #SEQUENTIAL}), or on several threads at once (the runtime's
 * {@code io.peerdial.simulator.runtime.SpinningExecutor}). The engine itself starts no thread, so
 * it stays a deterministic core; the results are the same with either.
 */
public interface PartitionExecutor {

    /** One partition's window, run by thread {@code thread} of the executor (0 is the caller, below {@link #threads()}). */
    @FunctionalInterface
    interface Window {
        void run(int partition, int thread);
    }

    /** Runs {@code window} for every partition in [0, partitions) and returns when all have returned. */
    void runAll(int partitions, Window window);

    /** Threads this executor runs windows on. */
    int threads();

    /** Partitions the engine makes for this executor: at least one per thread, more to balance the threads' loads. */
    default int partitions() {
        return threads();
    }

    /** One thread: every partition's window in turn. */
    PartitionExecutor SEQUENTIAL = new PartitionExecutor() {
        @Override
        public void runAll(int partitions, Window window) {
            for (int p = 0; p < partitions; p++) window.run(p, 0);
        }

        @Override
        public int threads() {
            return 1;
        }
    };
}
