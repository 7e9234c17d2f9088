package io.peerdial.simulator.metrics;

import io.peerdial.simulator.ice.Outcome;
import io.peerdial.simulator.net.NodeMix;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Call outcomes of a nat-mix run, per unordered pair of node kinds (caller and callee kinds are
 * folded together: A↔B and B↔A are one row). Definitions in docs/SIMULATOR.md.
 */
public final class CallMetrics {

    private static final int KINDS = NodeMix.values().length;
    private final long[][] counts = new long[KINDS * KINDS][Outcome.values().length];
    private long total;

    public void record(NodeMix a, NodeMix b, Outcome o) {
        counts[pairIndex(a, b)][o.ordinal()]++;
        total++;
    }

    public long total() {
        return total;
    }

    public long count(Outcome o) {
        long n = 0;
        for (long[] row : counts) n += row[o.ordinal()];
        return n;
    }

    /** Calls between kinds {@code a} and {@code b} (either order) that ended with {@code o}. */
    public long count(NodeMix a, NodeMix b, Outcome o) {
        return counts[pairIndex(a, b)][o.ordinal()];
    }

    public long count(NodeMix a, NodeMix b) {
        long n = 0;
        for (long c : counts[pairIndex(a, b)]) n += c;
        return n;
    }

    /** The {@code calls} object of summary.json: total and outcome fractions of the total. */
    public Map<String, Object> summary() {
        Map<String, Object> outcome = new LinkedHashMap<>();
        for (Outcome o : Outcome.values()) outcome.put(o.key, total == 0 ? 0.0 : Metrics.round(count(o) / (double) total));
        Map<String, Object> calls = new LinkedHashMap<>();
        calls.put("total", total);
        calls.put("outcome", outcome);
        return Map.of("calls", calls);
    }

    private static int pairIndex(NodeMix a, NodeMix b) {
        int lo = Math.min(a.ordinal(), b.ordinal()), hi = Math.max(a.ordinal(), b.ordinal());
        return lo * KINDS + hi;
    }
}
