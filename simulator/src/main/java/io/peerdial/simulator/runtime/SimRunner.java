package io.peerdial.simulator.runtime;

import io.peerdial.simulator.engine.ConnectivitySimulation;
import io.peerdial.simulator.engine.Simulation;
import io.peerdial.simulator.experiment.Experiment;
import io.peerdial.simulator.experiment.ExperimentException;
import io.peerdial.simulator.io.Plots;
import io.peerdial.simulator.io.ResultWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one experiment with the wall clock around it: progress on stderr, then summary.json,
 * perf.json (measurements that differ between identical runs), CSV files and PNG plots.
 */
public final class SimRunner {

    private SimRunner() {}

    /** Runs {@code exp} and writes its results to {@code out}; returns the summary. */
    public static Map<String, Object> run(Experiment exp, Path out, PrintWriter progressOut, boolean plots) throws IOException {
        if (exp.text("model").equals("connectivity")) return runConnectivity(exp, out, progressOut, plots);
        if (exp.text("model").equals("adversarial")) return runAdversarial(exp, out, progressOut, plots);
        if (!exp.text("relay.policy").equals("none")) {
            throw new ExperimentException("relay.policy", "relay.policy " + exp.text("relay.policy")
                    + " needs model = connectivity (relay load is measured on the nat-mix call model)");
        }
        Files.createDirectories(out);
        try (SpinningExecutor executor = new SpinningExecutor(SpinningExecutor.threadsFor(exp.integer("engine.threads")),
                exp.integer("engine.partitionsPerThread"))) {
            return runOverlay(exp, out, progressOut, plots, executor);
        }
    }

    private static Map<String, Object> runOverlay(Experiment exp, Path out, PrintWriter progressOut, boolean plots,
            SpinningExecutor executor) throws IOException {
        resetPeaks();
        long wallStart = System.nanoTime();
        long cpuStart = threadCpuNanos();
        long allocatedStart = threadAllocatedBytes();
        Simulation sim;
        try {
            sim = new Simulation(exp, executor);
        } catch (IllegalArgumentException e) {
            if (e instanceof ExperimentException) throw e;
            throw new ExperimentException(null, "inconsistent parameters: " + e.getMessage());
        }
        ProgressLine progress = new ProgressLine(progressOut, wallStart);
        sim.runUntil(sim.joinPhaseEndMs(), progress);
        // before the System.gc(): that is not simulation work
        long cpuJoin = threadCpuNanos() - cpuStart + executor.workerCpuNanos();
        long eventsJoin = sim.events();
        long heapAfterJoin = usedHeapAfterGc();
        int onlineAfterJoin = sim.onlineCount();
        long cpuRest = threadCpuNanos();
        long workerCpuRest = executor.workerCpuNanos();
        sim.run(progress);
        double cpu = (cpuJoin + threadCpuNanos() - cpuRest + executor.workerCpuNanos() - workerCpuRest) / 1e9;
        long allocated = threadAllocatedBytes() - allocatedStart + executor.workerAllocatedBytes();
        double wall = (System.nanoTime() - wallStart) / 1e9;
        progress.done(sim.now(), sim.events());

        Map<String, Object> summary = commonSummary(exp, sim.now(), sim.events(), wall);
        summary.put("nodesCreated", sim.nodeCount());
        summary.putAll(sim.metrics().summary());

        Map<String, Object> perf = perf(summary);
        perf.put("heapAfterJoinMb", Math.round(heapAfterJoin / 1048576.0));
        perf.put("heapPerOnlineNodeBytesAfterJoin", onlineAfterJoin == 0 ? 0 : heapAfterJoin / onlineAfterJoin);
        // CPU time of the simulation's threads alone (ThreadMXBean; workers' spinning included):
        // independent of other processes' load
        perf.put("simThreads", sim.partitionCount() == 1 ? 1 : executor.threads());
        perf.put("simPartitions", sim.partitionCount());
        perf.put("simThreadCpuSeconds", Math.round(cpu * 1000) / 1000.0);
        perf.put("eventsPerCpuSecond", Math.round(sim.events() / Math.max(cpu, 1e-9)));
        // bytes the simulation's threads allocated per event: garbage per event, independent of load
        if (allocated > 0) perf.put("allocatedBytesPerEvent", Math.round(allocated / (double) Math.max(1, sim.events())));
        perf.put("joinPhaseEvents", eventsJoin);
        perf.put("joinPhaseEventsPerCpuSecond", Math.round(eventsJoin / Math.max(cpuJoin / 1e9, 1e-9)));
        SpinningExecutor.WindowStats windows = executor.windowStats();
        if (windows.windows() > 0) { // where the wall time of a parallel run went (docs/SIMULATOR.md "Parallel partitions")
            perf.put("parallelWindows", windows.windows());
            perf.put("parallelWindowsWallSeconds", Math.round(windows.wallSeconds() * 10) / 10.0);
            perf.put("parallelWindowsBusyFraction", Math.round(windows.busyFraction() * 1000) / 1000.0);
        }

        ResultWriter.json(out.resolve("summary.json"), summary);
        ResultWriter.json(out.resolve("perf.json"), perf);
        ResultWriter.parameters(out.resolve("experiment.properties"), exp.values());
        ResultWriter.series(out.resolve("timeseries.csv"), sim.metrics());
        if (exp.bool("output.lookupSamples")) ResultWriter.lookups(out.resolve("lookups.csv"), sim.metrics());
        if (plots) Plots.writeAll(out, sim.metrics());
        return summary;
    }

    /** The nat-mix model: calls through NAT devices, no overlay (docs/SIMULATOR.md). */
    private static Map<String, Object> runConnectivity(Experiment exp, Path out, PrintWriter progressOut, boolean plots)
            throws IOException {
        ConnectivitySimulation sim = new ConnectivitySimulation(exp); // bad mix: ExperimentException before any file
        Files.createDirectories(out);
        resetPeaks();
        long wallStart = System.nanoTime();
        ProgressLine progress = new ProgressLine(progressOut, wallStart);
        sim.run(progress);
        double wall = (System.nanoTime() - wallStart) / 1e9;
        progress.done(sim.now(), sim.events());

        Map<String, Object> summary = commonSummary(exp, sim.now(), sim.events(), wall);
        summary.put("packets", sim.packets());
        summary.putAll(sim.metrics().summary());
        if (sim.relayLoad() != null) summary.putAll(sim.relayLoad().summary(exp.text("relay.policy")));

        Map<String, Object> perf = perf(summary);

        ResultWriter.json(out.resolve("summary.json"), summary);
        ResultWriter.json(out.resolve("perf.json"), perf);
        ResultWriter.parameters(out.resolve("experiment.properties"), exp.values());
        ResultWriter.callsByPair(out.resolve("calls-by-nat-pair.csv"), sim.metrics());
        if (plots) Plots.callOutcomes(out.resolve("call-outcomes-by-nat-pair.png"), sim.metrics());
        if (sim.relayLoad() != null) {
            ResultWriter.relayLoad(out.resolve("relay-load.csv"), sim.relayLoad());
            if (plots) Plots.relayLoad(out.resolve("relay-load-per-node.png"), sim.relayLoad(), exp.text("relay.policy"));
        }
        return summary;
    }

    /** The adversarial model: a sweep of overlay runs (docs/SIMULATOR.md). */
    private static Map<String, Object> runAdversarial(Experiment exp, Path out, PrintWriter progressOut, boolean plots)
            throws IOException {
        Files.createDirectories(out);
        resetPeaks();
        long wallStart = System.nanoTime();
        AdversarialSweep sweep = new AdversarialSweep();
        List<AdversarialSweep.Point> points = sweep.run(exp, new ProgressLine(progressOut, wallStart));
        double wall = (System.nanoTime() - wallStart) / 1e9;
        Map<String, Object> summary = commonSummary(exp, sweep.simulatedMs(), sweep.events(), wall);
        summary.putAll(sweep.summary(exp.text("adversary.behaviour")));
        ResultWriter.json(out.resolve("summary.json"), summary);
        ResultWriter.json(out.resolve("perf.json"), perf(summary));
        ResultWriter.parameters(out.resolve("experiment.properties"), exp.values());
        Files.writeString(out.resolve("adversarial.csv"), AdversarialSweep.csv(points));
        if (plots) Plots.adversarial(out.resolve("adversarial-success.png"), points, exp.text("adversary.behaviour"));
        return summary;
    }

    /** CPU time of the calling thread, or 0 where the JVM cannot measure it. */
    private static long threadCpuNanos() {
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        return t.isCurrentThreadCpuTimeSupported() ? t.getCurrentThreadCpuTime() : 0;
    }

    /** Bytes allocated by the current thread so far (HotSpot's ThreadMXBean), or 0 where unsupported. */
    private static long threadAllocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported()) {
            return t.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return 0;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
        }
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
        }
        return sum;
    }

    private static long usedHeapAfterGc() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** A plain progress line on stderr, at most once a second: simulated time, events/s, ETA. */
    static final class ProgressLine implements Simulation.Progress {
        private final PrintWriter out;
        private final long wallStart;
        private long lastPrint;

        ProgressLine(PrintWriter out, long wallStart) {
            this.out = out;
            this.wallStart = wallStart;
            this.lastPrint = wallStart;
        }

        @Override
        public void onProgress(long nowMs, long endMs, long events) {
            if (out == null) return;
            long t = System.nanoTime();
            if (t - lastPrint < 1_000_000_000L) return;
            lastPrint = t;
            double wall = (t - wallStart) / 1e9;
            double eta = nowMs <= 0 ? Double.NaN : wall * (endMs - nowMs) / nowMs;
            out.printf(Locale.ROOT, "\rsim %.0f/%.0f s  %,.0f events/s  ETA %.0f s   ", nowMs / 1000.0, endMs / 1000.0,
                    events / wall, eta);
            out.flush();
        }

        void done(long nowMs, long events) {
            if (out == null) return;
            double wall = (System.nanoTime() - wallStart) / 1e9;
            out.printf(Locale.ROOT, "\rsim %.0f s done in %.1f s wall, %,d events (%,.0f events/s)%n", nowMs / 1000.0, wall,
                    events, events / wall);
            out.flush();
        }
    }

    /** The contract keys every experiment's summary.json starts with (CONTRACTS.md). */
    private static Map<String, Object> commonSummary(Experiment exp, long simulatedMs, long events, double wall) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("experiment", exp.text("name"));
        summary.put("seed", exp.longValue("seed"));
        summary.put("nodes", exp.integer("nodes"));
        summary.put("simulatedSeconds", simulatedMs / 1000.0);
        summary.put("wallSeconds", Math.round(wall * 1000) / 1000.0);
        summary.put("eventsPerSecond", Math.round(events / Math.max(wall, 1e-9)));
        summary.put("heapPeakMb", Math.round(peakHeapBytes() / 1048576.0));
        summary.put("events", events);
        return summary;
    }

    /** What differs between identical runs (also kept apart in perf.json). */
    private static Map<String, Object> perf(Map<String, Object> summary) {
        Map<String, Object> perf = new LinkedHashMap<>();
        perf.put("wallSeconds", summary.get("wallSeconds"));
        perf.put("eventsPerSecond", summary.get("eventsPerSecond"));
        perf.put("heapPeakMb", summary.get("heapPeakMb"));
        perf.put("javaVersion", System.getProperty("java.version"));
        perf.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        return perf;
    }
}
