package io.peerdial.simulator.runtime;

import io.peerdial.simulator.engine.PartitionExecutor;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the overlay simulation's partitions on {@code threads} threads: the caller and
 * {@code threads - 1} workers. Every thread owns a contiguous range of the partitions and runs them
 * in order each window; a thread done with its own takes the <em>last</em> unclaimed partitions of
 * the others' ranges. So a partition stays on one core from window to window (its queue and its
 * nodes' recent state stay in that core's cache) while a thread that the OS deschedules, or whose
 * share happened to be heavier this window, hands the rest of its share to the idle thread instead
 * of holding the window up. The engine makes {@code partitionsPerThread} partitions per thread: the
 * finer the split, the smaller the last piece a window waits for.
 *
 * <p>A window is short (a millisecond of simulated time, tens to hundreds of events), so the
 * hand-over is a spin on a volatile generation counter rather than a lock or a queue: parking and
 * waking a thread costs more than most windows. A worker that has spun for a while with nothing to
 * do parks, and the caller wakes it for the next window.
 *
 * <p>Results do not depend on the thread count nor on who ran which partition (see the engine's
 * {@code Partition}); they only decide how many cores the run uses.
 */
public final class SpinningExecutor implements PartitionExecutor, AutoCloseable {

    /** ~20 µs of spinning: longer than most windows take, far shorter than an OS time slice. */
    private static final int SPINS_BEFORE_YIELD = 1 << 10;
    /** A worker with nothing to do for this long (~1 ms and more) parks until the caller wakes it. */
    private static final int SPINS_BEFORE_PARK = 1 << 14;

    private final Worker[] workers;
    private final int partitionsPerThread;
    // plain field: written before the volatile generation that publishes it, read after it
    private Window window;
    /**
     * Per thread (0 is the caller, i worker i), at index {@code PAD * thread}, the unclaimed part
     * {@code [front, back)} of its range in this window, packed as {@code back << 32 | front}: the
     * owner claims at the front, others at the back. Padded so that two threads' claims do not
     * contend for one cache line.
     */
    private final AtomicLongArray unclaimed;
    private static final int PAD = 16; // 128 bytes
    /** Incremented by the caller to start a window on every worker; a negative value stops them. */
    private volatile long generation;
    /** Windows run through {@link #runAll}, their wall time, and the caller's time inside its own share. */
    private long windows, windowNanos, callerBusyNanos;

    /** One partition per thread. */
    public SpinningExecutor(int threads) {
        this(threads, 1);
    }

    /** {@code partitionsPerThread} partitions per thread when there are several threads (one partition on one thread). */
    public SpinningExecutor(int threads, int partitionsPerThread) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        if (partitionsPerThread < 1) {
            throw new IllegalArgumentException("partitionsPerThread must be at least 1, got " + partitionsPerThread);
        }
        this.partitionsPerThread = partitionsPerThread;
        unclaimed = new AtomicLongArray(PAD * threads);
        workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1);
            workers[i].thread.start();
        }
    }

    /** The threads an experiment's {@code engine.threads} asks for: 0 means one per available core, at most 8. */
    public static int threadsFor(int configured) {
        return configured > 0 ? configured : Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public int threads() {
        return workers.length + 1;
    }

    @Override
    public int partitions() {
        return workers.length == 0 ? 1 : threads() * partitionsPerThread;
    }

    @Override
    public void runAll(int partitions, Window task) {
        if (partitions < 1) throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        if (generation < 0) throw new IllegalStateException("executor closed");
        window = task;
        int threads = threads();
        for (int t = 0; t < threads; t++) {
            long front = (long) partitions * t / threads, back = (long) partitions * (t + 1) / threads;
            unclaimed.set(PAD * t, back << 32 | front);
        }
        long started = System.nanoTime();
        long g = generation + 1;
        generation = g; // publishes the window to the workers
        for (Worker w : workers) if (w.parked) LockSupport.unpark(w.thread);
        Throwable failure = null;
        try {
            claimAndRun(0, task);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        callerBusyNanos += System.nanoTime() - started;
        for (Worker w : workers) {
            for (int spins = 0; w.done != g; spins++) {
                // past a short spin the worker has no core of its own (more threads than cores, or a busy
                // machine): yield ours so that it gets one, rather than spin for its whole time slice
                if (spins < SPINS_BEFORE_YIELD) Thread.onSpinWait(); else Thread.yield();
            }
            if (w.failure != null && failure == null) failure = w.failure;
            w.failure = null;
        }
        windows++;
        windowNanos += System.nanoTime() - started;
        if (failure instanceof RuntimeException r) throw r;
        if (failure instanceof Error e) throw e;
    }

    /** Runs thread {@code self}'s own partitions front to back, then takes the others' from their back. */
    private void claimAndRun(int self, Window task) {
        for (int p; (p = claim(self, true)) >= 0; ) task.run(p, self);
        int threads = threads();
        for (int i = 1; i < threads; i++) {
            int other = (self + i) % threads;
            for (int p; (p = claim(other, false)) >= 0; ) task.run(p, self);
        }
    }

    /** Claims the first (or last) unclaimed partition of thread {@code owner}'s range, or returns -1 when none is left. */
    private int claim(int owner, boolean first) {
        while (true) {
            long v = unclaimed.get(PAD * owner);
            int front = (int) v, back = (int) (v >>> 32);
            if (front >= back) return -1;
            if (unclaimed.compareAndSet(PAD * owner, v, first ? v + 1 : v - (1L << 32))) return first ? front : back - 1;
        }
    }

    /**
     * How the parallel windows went, for perf.json: how many, their wall time, and the share of
     * {@code threads × wall} the threads spent running partitions (the rest is hand-over and waiting
     * for the slowest partition). Read it on the caller's thread between runs.
     */
    public WindowStats windowStats() {
        long busy = callerBusyNanos;
        for (Worker w : workers) busy += w.busyNanos;
        double capacity = (double) windowNanos * threads();
        return new WindowStats(windows, windowNanos / 1e9, capacity == 0 ? 0 : busy / capacity);
    }

    /** See {@link #windowStats()}. */
    public record WindowStats(long windows, double wallSeconds, double busyFraction) {}

    /** CPU time the worker threads have used (spinning included), or 0 where the JVM cannot tell. */
    public long workerCpuNanos() {
        java.lang.management.ThreadMXBean t = ManagementFactory.getThreadMXBean();
        if (!t.isThreadCpuTimeSupported()) return 0;
        long sum = 0;
        for (Worker w : workers) sum += Math.max(0, t.getThreadCpuTime(w.thread.getId()));
        return sum;
    }

    /** Bytes the worker threads have allocated, or 0 where the JVM cannot tell. */
    public long workerAllocatedBytes() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t)
                || !t.isThreadAllocatedMemorySupported()) return 0;
        long sum = 0;
        for (Worker w : workers) sum += Math.max(0, t.getThreadAllocatedBytes(w.thread.getId()));
        return sum;
    }

    /** Stops the workers and waits for them. */
    @Override
    public void close() {
        generation = Long.MIN_VALUE;
        for (Worker w : workers) LockSupport.unpark(w.thread);
        for (Worker w : workers) {
            try {
                w.thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private final class Worker implements Runnable {
        final Thread thread;
        final int index;
        volatile boolean parked;
        volatile long done;
        volatile Throwable failure;
        /** Time inside windows; written by the worker before {@code done}, so the caller reads it after runAll. */
        long busyNanos;

        Worker(int index) {
            this.index = index;
            this.thread = new Thread(this, "sim-worker-" + index);
            thread.setDaemon(true); // never keeps the JVM alive
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                long g = awaitNext(seen);
                if (g < 0) return;
                seen = g;
                long started = System.nanoTime();
                try {
                    claimAndRun(index, window);
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
                busyNanos += System.nanoTime() - started;
                done = g;
            }
        }

        private long awaitNext(long seen) {
            for (int spins = 0; ; spins++) {
                long g = generation;
                if (g != seen) return g;
                if (spins < SPINS_BEFORE_YIELD) {
                    Thread.onSpinWait();
                } else if (spins < SPINS_BEFORE_PARK) {
                    Thread.yield();
                } else {
                    parked = true;
                    if (generation == seen) LockSupport.park(this);
                    parked = false;
                }
            }
        }
    }
}
