package io.peerdial.benchmarks;

import io.peerdial.simulator.engine.Simulation;
import io.peerdial.simulator.experiment.Experiment;
import io.peerdial.simulator.io.ExperimentFiles;
import io.peerdial.simulator.runtime.SpinningExecutor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A simulator run too big to finish in a benchmark session (100,000 nodes with churn), cut to a
 * wall-clock budget: it builds the {@link Simulation} as {@code peerdial sim run} does, runs it one
 * simulated second at a time, and every {@code every} simulated seconds prints the online nodes,
 * the events so far, the simulation threads' CPU seconds (ThreadMXBean: what other processes take
 * does not count), the marginal events per CPU-second over the last rows, the wall seconds, the used
 * heap and the load average. {@code engine.threads=N} sets the threads (0, the default: one per core). Stops at the budget or at the experiment's end. The same seed gives the same event
 * counts at each simulated second, so two builds compare row by row.
 *
 * <pre>
 * java -Xmx20g -cp benchmarks/target/benchmarks.jar io.peerdial.benchmarks.SimScale churn 600 nodes=100000 [engine.threads=2] [every=10]
 * </pre>
 */
public final class SimScale {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: SimScale EXPERIMENT WALL_SECONDS [KEY=VALUE]... [every=SIM_SECONDS]");
            System.exit(2);
        }
        Experiment exp = ExperimentFiles.load(args[0]);
        long budgetNanos = (long) (Double.parseDouble(args[1]) * 1e9);
        int every = 5;
        for (String a : Arrays.copyOfRange(args, 2, args.length)) {
            if (a.startsWith("every=")) every = Integer.parseInt(a.substring(6));
            else exp = exp.withAssignment(a);
        }
        try (SpinningExecutor executor = new SpinningExecutor(SpinningExecutor.threadsFor(exp.integer("engine.threads")),
                exp.integer("engine.partitionsPerThread"))) {
            run(exp, budgetNanos, every, executor);
        }
    }

    private static void run(Experiment exp, long budgetNanos, int every, SpinningExecutor executor) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long wallStart = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime() + executor.workerCpuNanos();
        Simulation sim = new Simulation(exp, executor);
        System.out.println("simulated_s nodes_online events sim_cpu_s events_per_cpu_s_marginal wall_s heap_used_mb load1 (threads "
                + executor.threads() + ", partitions " + sim.partitionCount() + ")");
        long lastEvents = 0;
        long lastCpu = cpuStart;
        for (long t = 1000; t <= sim.endMs(); t += 1000) {
            sim.runUntil(t, null);
            boolean last = t + 1000 > sim.endMs() || System.nanoTime() - wallStart > budgetNanos;
            if ((t / 1000) % every == 0 || last) {
                long cpu = threads.getCurrentThreadCpuTime() + executor.workerCpuNanos();
                long events = sim.events();
                double marginal = (events - lastEvents) / Math.max((cpu - lastCpu) / 1e9, 1e-9);
                Runtime r = Runtime.getRuntime();
                System.out.printf("%d %d %d %.1f %.0f %.1f %d %s%n", t / 1000, sim.onlineCount(), events, (cpu - cpuStart) / 1e9,
                        marginal, (System.nanoTime() - wallStart) / 1e9, (r.totalMemory() - r.freeMemory()) >> 20, load());
                lastEvents = events;
                lastCpu = cpu;
            }
            if (last) break;
        }
        double cpu = (threads.getCurrentThreadCpuTime() + executor.workerCpuNanos() - cpuStart) / 1e9;
        double wall = (System.nanoTime() - wallStart) / 1e9;
        System.out.printf("stopped at simulated %d s of %d: %d events, %.1f CPU s of %d sim threads (%.0f events per CPU-s), "
                + "%.1f s wall (%.0f events per s)%n", sim.now() / 1000, sim.endMs() / 1000, sim.events(), cpu,
                executor.threads(), sim.events() / Math.max(cpu, 1e-9), wall, sim.events() / wall);
        SpinningExecutor.WindowStats w = executor.windowStats();
        if (w.windows() > 0) {
            System.out.printf("parallel windows: %d, %.1f s wall (%.0f %% of the run), threads busy %.1f %% of it%n", w.windows(),
                    w.wallSeconds(), 100 * w.wallSeconds() / wall, 100 * w.busyFraction());
        }
    }

    private static String load() {
        try {
            List<String> fields = List.of(Files.readString(Path.of("/proc/loadavg")).split(" "));
            return fields.get(0);
        } catch (Exception e) {
            return "?";
        }
    }
}
