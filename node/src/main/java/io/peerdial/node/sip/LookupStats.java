package io.peerdial.node.sip;

/**
 * Latency and overlay rounds of the Location lookups the SIP proxy made for calls, since the last
 * {@link #drain}: the cost a call's setup pays in the DHT (docs/PERFORMANCE.md, SIP). Fixed
 * memory: latencies are counted per millisecond up to {@link #MAX_MS} (longer ones in the last
 * slot), rounds up to {@link #MAX_ROUNDS}. Thread-safe.
 */
public final class LookupStats {

    public static final int MAX_MS = 10_000;
    public static final int MAX_ROUNDS = 31;

    private final long[] millis = new long[MAX_MS + 1];
    private final long[] rounds = new long[MAX_ROUNDS + 1];
    private long count;
    private long unknownRounds;
    private long failed;

    /** One lookup that answered after {@code latencyMs}; {@code rounds} &lt; 0 when the lookup did not say. */
    public synchronized void record(long latencyMs, int rounds) {
        if (latencyMs < 0) throw new IllegalArgumentException("latencyMs must be >= 0, got " + latencyMs);
        millis[(int) Math.min(latencyMs, MAX_MS)]++;
        if (rounds < 0) unknownRounds++;
        else this.rounds[Math.min(rounds, MAX_ROUNDS)]++;
        count++;
    }

    /** A lookup that failed or timed out. */
    public synchronized void recordFailure() {
        failed++;
    }

    /** The lookups since the last drain, and starts counting anew. */
    public synchronized Summary drain() {
        Summary s = new Summary(count, failed, percentile(millis, count, 0.50), percentile(millis, count, 0.99), max(millis),
                percentile(rounds, count - unknownRounds, 0.50), percentile(rounds, count - unknownRounds, 0.99), max(rounds));
        java.util.Arrays.fill(millis, 0);
        java.util.Arrays.fill(rounds, 0);
        count = 0;
        unknownRounds = 0;
        failed = 0;
        return s;
    }

    /** Percentiles are -1 when nothing was counted; latencies in ms. */
    public record Summary(long lookups, long failed, int p50Ms, int p99Ms, int maxMs, int p50Rounds, int p99Rounds, int maxRounds) {
        @Override
        public String toString() {
            return "lookups " + lookups + " (failed " + failed + "), latency p50/p99/max " + p50Ms + "/" + p99Ms + "/" + maxMs
                    + " ms, rounds p50/p99/max " + p50Rounds + "/" + p99Rounds + "/" + maxRounds;
        }
    }

    /** Nearest-rank percentile of a histogram holding {@code n} values. */
    private static int percentile(long[] histogram, long n, double q) {
        if (n <= 0) return -1;
        long rank = (long) Math.ceil(q * n);
        long seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            seen += histogram[i];
            if (seen >= rank) return i;
        }
        return histogram.length - 1;
    }

    private static int max(long[] histogram) {
        for (int i = histogram.length - 1; i >= 0; i--) if (histogram[i] > 0) return i;
        return -1;
    }
}
