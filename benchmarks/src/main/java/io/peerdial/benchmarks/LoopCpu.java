package io.peerdial.benchmarks;

import io.peerdial.overlay.runtime.RuntimeStats;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * CPU time and datagrams of one node's event-loop thread over a measured interval, so that a load
 * test can report requests per CPU-second of the loop (its "per core" figure) even when the load
 * generator shares the machine's cores with it.
 */
final class LoopCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Supplier<RuntimeStats> stats;
    private final long threadId;
    private long cpuStart, cpuEnd, wallStart, wallEnd, inStart, inEnd;

    private LoopCpu(Supplier<RuntimeStats> stats, long threadId) {
        this.stats = stats;
        this.threadId = threadId;
    }

    /** Finds the loop thread of the runtime bound to {@code local} by the name {@code UdpRuntime} gives it. */
    static LoopCpu of(InetSocketAddress local, Supplier<RuntimeStats> stats) {
        String name = "peerdial-node-" + local.getPort();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) return new LoopCpu(stats, t.getId());
        }
        throw new IllegalStateException("no event-loop thread named " + name);
    }

    void begin() {
        wallStart = System.nanoTime();
        cpuStart = THREADS.getThreadCpuTime(threadId);
        inStart = stats.get().datagramsIn();
    }

    void end() {
        wallEnd = System.nanoTime();
        cpuEnd = THREADS.getThreadCpuTime(threadId);
        inEnd = stats.get().datagramsIn();
    }

    double cpuSeconds() {
        return (cpuEnd - cpuStart) / 1e9;
    }

    double wallSeconds() {
        return (wallEnd - wallStart) / 1e9;
    }

    long datagrams() {
        return inEnd - inStart;
    }
}
