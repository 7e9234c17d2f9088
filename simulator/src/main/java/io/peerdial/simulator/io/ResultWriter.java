package io.peerdial.simulator.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.peerdial.simulator.ice.Outcome;
import io.peerdial.simulator.metrics.CallMetrics;
import io.peerdial.simulator.metrics.Metrics;
import io.peerdial.simulator.net.NodeMix;
import io.peerdial.simulator.relay.RelayLoadModel;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes summary.json, the CSV files and the parameters a run used. */
public final class ResultWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultWriter() {}

    public static void json(Path file, Map<String, Object> content) throws IOException {
        JSON.writeValue(file.toFile(), content);
    }

    /** {@code timeseries.csv}: one row per sample interval. */
    public static void series(Path file, Metrics m) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(String.join(",", Metrics.SERIES_COLUMNS));
            w.write('\n');
            for (double[] row : m.series()) {
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) w.write(',');
                    w.write(format(row[i]));
                }
                w.write('\n');
            }
        }
    }

    /** {@code lookups.csv}: one row per measured lookup. */
    public static void lookups(Path file, Metrics m) throws IOException {
        List<String> outcome = List.of("wrong", "success", "timeout");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("startMs,latencyMs,hops,outcome\n");
            for (int i = 0; i < m.lookupCount(); i++) {
                w.write(m.lookupStartMs(i) + "," + m.lookupLatencyMs(i) + "," + m.lookupHops(i) + ","
                        + outcome.get(m.lookupOutcome(i)) + "\n");
            }
        }
    }

    /** {@code calls-by-nat-pair.csv}: per unordered pair of node kinds, calls and the fraction of each outcome. */
    public static void callsByPair(Path file, CallMetrics m) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("kindA,kindB,calls,shareOfCalls");
            for (Outcome o : Outcome.values()) w.write("," + o.key);
            w.write('\n');
            NodeMix[] all = NodeMix.values();
            for (int i = 0; i < all.length; i++) {
                for (int j = i; j < all.length; j++) {
                    long n = m.count(all[i], all[j]);
                    if (n == 0) continue;
                    w.write(all[i] + "," + all[j] + "," + n + "," + format(n / (double) m.total()));
                    for (Outcome o : Outcome.values()) w.write("," + format(m.count(all[i], all[j], o) / (double) n));
                    w.write('\n');
                }
            }
        }
    }

    /**
     * {@code relay-load.csv}: one row per public node, busiest first (ties by node index): bytes and
     * session-seconds relayed, sessions, peak concurrent sessions, refusals, final ledger balance.
     */
    public static void relayLoad(Path file, RelayLoadModel m) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("rank,node,freeRider,bytesRelayed,sessionSeconds,sessions,peakSessions,refusals,balanceBytes\n");
            int rank = 1;
            for (int n : sortedByLoad(m)) {
                w.write(rank++ + "," + n + "," + m.isFreeRider(n) + "," + m.bytesRelayed(n) + "," + format(m.sessionSeconds(n)) + ","
                        + m.sessionsRelayed(n) + "," + m.peakSessions(n) + "," + m.refusals(n) + "," + m.balance(n) + "\n");
            }
        }
    }

    /** Public nodes, most bytes relayed first, ties by index. */
    public static int[] sortedByLoad(RelayLoadModel m) {
        return java.util.Arrays.stream(m.publicNodes()).boxed()
                .sorted(java.util.Comparator.<Integer>comparingLong(m::bytesRelayed).reversed().thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    /** {@code experiment.properties}: every effective parameter, so the run can be repeated. */
    public static void parameters(Path file, Map<String, String> values) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# effective parameters of this run (defaults included)\n");
            for (Map.Entry<String, String> e : values.entrySet()) w.write(e.getKey() + " = " + e.getValue() + "\n");
        }
    }

    private static String format(double v) {
        if (Double.isNaN(v)) return "";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
