package io.peerdial.simulator.runtime;

import io.peerdial.simulator.engine.PartitionExecutor;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs the overlay simulation's partitions on {@code threads} threads: the caller and
 * {@code threads - 1} workers. In each window every thread claims the next unclaimed partition
 * until none is left, so a thread the OS deschedules (a GC or JIT thread wants the core) leaves
 * its partition to the others instead of holding the window up. The engine makes one partition per
 * thread: at 10^5 nodes on two threads, 4 per thread balanced the windows better (threads busy
 * 87 % instead of 83 % of a window) but ran no faster within the noise, and on JDK 25 slower
 * (87.9 s vs 82.6 s to simulated 90 s) — more partitions scatter the queues and send more
 * datagrams across. A window is short (a millisecond of
 * simulated time, tens to hundreds of events), so the hand-over is a spin on a volatile generation
 * counter rather than a lock or a queue: parking and waking a thread costs more than most windows.
 * A worker that has spun for a while with nothing to do parks, and the caller wakes it for the
 * next window.
 *
 * <p>Results do not depend on the thread count (see the engine's {@code Partition}); the count only
 * decides how many cores the run uses.
 */
public final class SpinningExecutor implements PartitionExecutor, AutoCloseable {

    /** ~20 µs of spinning: longer than most windows take, far shorter than an OS time slice. */
    private static final int SPINS_BEFORE_YIELD = 1 << 10;
    /** A worker with nothing to do for this long (~1 ms and more) parks until the caller wakes it. */
    private static final int SPINS_BEFORE_PARK = 1 << 14;

    private final Worker[] workers;
    // plain fields: written before the volatile generation that publishes them, read after it
    private IntConsumer window;
    private int partitionsInWindow;
    private final AtomicInteger nextPartition = new AtomicInteger();
    /** Incremented by the caller to start a window on every worker; a negative value stops them. */
    private volatile long generation;
    /** Windows run through {@link #runAll}, their wall time, and the caller's time inside its own share. */
    private long windows, windowNanos, callerBusyNanos;

    public SpinningExecutor(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
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
    public void runAll(int partitions, IntConsumer task) {
        if (partitions < 1) throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        if (generation < 0) throw new IllegalStateException("executor closed");
        window = task;
        partitionsInWindow = partitions;
        nextPartition.set(0);
        long started = System.nanoTime();
        long g = generation + 1;
        generation = g; // publishes the window to the workers
        for (Worker w : workers) if (w.parked) LockSupport.unpark(w.thread);
        Throwable failure = null;
        try {
            claimAndRun(task, partitions);
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

    private void claimAndRun(IntConsumer task, int partitions) {
        for (int p; (p = nextPartition.getAndIncrement()) < partitions; ) task.accept(p);
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
        volatile boolean parked;
        volatile long done;
        volatile Throwable failure;
        /** Time inside windows; written by the worker before {@code done}, so the caller reads it after runAll. */
        long busyNanos;

        Worker(int index) {
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
                    claimAndRun(window, partitionsInWindow);
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
