package io.peerdial.node.demo;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * p50/p99 of the demo's call timings. The first call in a JVM pays ice4j's and JAIN-SIP's warm-up
 * (class loading, JIT), so it is reported on its own and left out of the percentiles.
 */
public final class SetupReport {

    private SetupReport() {
    }

    /** Nearest-rank percentile ({@code p} in 0..100) of {@code values}; 0 when empty. */
    public static long percentile(long[] values, double p) {
        if (p < 0 || p > 100) throw new IllegalArgumentException("p 0..100, got " + p);
        if (values.length == 0) return 0;
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** The lines {@code peerdial demo --calls N} prints: the first call, then p50/p99 of the others. */
    public static List<String> lines(List<CallTiming> calls) {
        if (calls.isEmpty()) throw new IllegalArgumentException("no calls");
        CallTiming first = calls.get(0);
        String head = String.format(Locale.ROOT,
                "first call: lookup %.1f ms, INVITE->180 %s ms, INVITE->200 %.1f ms, answer->ICE %d ms",
                first.lookupMicros() / 1e3, first.rang() ? String.format(Locale.ROOT, "%.1f", first.ringingMicros() / 1e3) : "-", first.establishedMicros() / 1e3, first.answerToIceMillis());
        List<CallTiming> rest = calls.subList(1, calls.size());
        if (rest.isEmpty()) return List.of(head);
        return List.of(head,
                String.format(Locale.ROOT, "calls 2..%d (n=%d), p50 / p99:", calls.size(), rest.size()),
                row("lookup", rest, CallTiming::lookupMicros),
                row("signalling INVITE->180 - lookup", rest, CallTiming::signallingToRingingMicros),
                row("signalling INVITE->200 - lookup", rest, CallTiming::signallingToAnswerMicros),
                row("INVITE->180", rest, CallTiming::ringingMicros),
                row("INVITE->200", rest, CallTiming::establishedMicros),
                row("answer->ICE completed", rest, t -> t.answerToIceMillis() * 1_000));
    }

    /** One row; negative values (a 180 the 200 overtook) are left out and the row says how many remain. */
    private static String row(String name, List<CallTiming> calls, ToLongFunction<CallTiming> field) {
        long[] v = calls.stream().mapToLong(field).filter(x -> x >= 0).toArray();
        return String.format(Locale.ROOT, "  %-32s %8.1f / %8.1f ms (max %.1f, n=%d)", name, percentile(v, 50) / 1e3,
                percentile(v, 99) / 1e3, percentile(v, 100) / 1e3, v.length);
    }
}
