package io.peerdial.simulator.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run measured, in primitive arrays (one row per measured lookup) so that 10^6 lookups
 * cost ~20 MB. Only operations <em>started</em> inside the measured phase count; see
 * docs/SIMULATOR.md for every definition.
 */
public final class Metrics {

    /** Lookup outcomes. */
    public static final byte SUCCESS = 1, WRONG = 0, TIMED_OUT = 2;

    private long[] lookupStart = new long[1024];
    private int[] lookupLatency = new int[1024];
    private byte[] lookupHops = new byte[1024];
    private byte[] lookupOutcome = new byte[1024];
    private int lookups;
    public long lookupsAbandoned;

    public long puts, putsStored, gets, getsFound;

    public long messagesMeasured;
    public double nodeSecondsMeasured;

    private final List<double[]> series = new ArrayList<>();
    public static final List<String> SERIES_COLUMNS = List.of("timeSeconds", "onlineNodes", "joinedNodes",
            "lookupsCompleted", "lookupSuccessRate", "lookupLatencyMedianMs", "messagesPerNodePerSecond", "events");

    public void lookup(long startMs, long latencyMs, int hops, byte outcome) {
        if (lookups == lookupStart.length) {
            int c = lookups * 2;
            lookupStart = Arrays.copyOf(lookupStart, c);
            lookupLatency = Arrays.copyOf(lookupLatency, c);
            lookupHops = Arrays.copyOf(lookupHops, c);
            lookupOutcome = Arrays.copyOf(lookupOutcome, c);
        }
        lookupStart[lookups] = startMs;
        lookupLatency[lookups] = (int) Math.min(Integer.MAX_VALUE, latencyMs);
        lookupHops[lookups] = (byte) Math.min(127, hops);
        lookupOutcome[lookups] = outcome;
        lookups++;
    }

    public void sample(double[] row) {
        series.add(row);
    }

    public int lookupCount() { return lookups; }
    public long lookupStartMs(int i) { return lookupStart[i]; }
    public int lookupLatencyMs(int i) { return lookupLatency[i]; }
    public int lookupHops(int i) { return lookupHops[i]; }
    public byte lookupOutcome(int i) { return lookupOutcome[i]; }
    public List<double[]> series() { return series; }

    /** Latencies of successful lookups, sorted (the latency CDF and percentiles use these). */
    public int[] successfulLatenciesSorted() {
        int[] out = new int[lookups];
        int n = 0;
        for (int i = 0; i < lookups; i++) if (lookupOutcome[i] == SUCCESS) out[n++] = lookupLatency[i];
        out = Arrays.copyOf(out, n);
        Arrays.sort(out);
        return out;
    }

    /** Count of completed lookups (right or wrong answer) per hop count. */
    public long[] hopsHistogram() {
        long[] h = new long[128];
        for (int i = 0; i < lookups; i++) if (lookupOutcome[i] != TIMED_OUT) h[lookupHops[i]]++;
        return h;
    }

    /** The summary.json content (nested maps; CONTRACTS.md keys are paths into it). */
    public Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (lookups > 0) {
            Map<String, Object> l = new LinkedHashMap<>();
            long ok = 0, timedOut = 0;
            for (int i = 0; i < lookups; i++) {
                if (lookupOutcome[i] == SUCCESS) ok++;
                if (lookupOutcome[i] == TIMED_OUT) timedOut++;
            }
            l.put("total", lookups);
            l.put("successRate", round(ok / (double) lookups));
            l.put("timedOut", timedOut);
            l.put("abandoned", lookupsAbandoned);
            long[] hist = hopsHistogram();
            Map<String, Object> hops = new LinkedHashMap<>(); // not Map.of: its order changes from JVM to JVM
            hops.put("median", percentile(hist, 0.5));
            hops.put("p95", percentile(hist, 0.95));
            l.put("hops", hops);
            int[] lat = successfulLatenciesSorted();
            if (lat.length > 0) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("median", percentile(lat, 0.5));
                m.put("p95", percentile(lat, 0.95));
                m.put("p99", percentile(lat, 0.99));
                l.put("latencyMs", m);
            }
            out.put("lookups", l);
        }
        if (gets > 0 || puts > 0) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("puts", puts);
            b.put("putsStored", putsStored);
            b.put("gets", gets);
            if (gets > 0) b.put("availability", round(getsFound / (double) gets));
            out.put("bindings", b);
        }
        if (nodeSecondsMeasured > 0) {
            out.put("overhead", Map.of("messagesPerNodePerSecond", round(messagesMeasured / nodeSecondsMeasured)));
        }
        return out;
    }

    /** Nearest-rank percentile of sorted values. */
    static int percentile(int[] sorted, double q) {
        if (sorted.length == 0) return 0;
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** Nearest-rank percentile of a histogram (index = value). */
    static int percentile(long[] hist, double q) {
        long total = 0;
        for (long c : hist) total += c;
        if (total == 0) return 0;
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int v = 0; v < hist.length; v++) {
            seen += hist[v];
            if (seen >= rank) return v;
        }
        return hist.length - 1;
    }

    public static double round(double x) {
        return Math.round(x * 1e6) / 1e6;
    }
}
