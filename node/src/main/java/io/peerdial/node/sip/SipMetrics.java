package io.peerdial.node.sip;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The SIP service's counters for the control endpoint's {@code /metrics} (docs/SIP.md, "Metrics"):
 * messages in and out per face and method, calls attempted / connected / failed by final status
 * (outgoing: an initial INVITE from a local phone; incoming: one from another node), requests
 * refused as bad input or overload by reason, and a histogram of the DHT lookups calls waited for.
 * Lock-free counters; written on the SIP stack's threads, read by the control endpoint.
 */
public final class SipMetrics {

    /** Upper bounds of the lookup latency buckets, in milliseconds (Prometheus {@code le}). */
    public static final long[] LOOKUP_BUCKETS_MS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000};

    /** Where a message came from or went to: the phone face (local phones) or the node face (other nodes). */
    public enum Face { PHONE, NODE }

    /** Which way a call goes through this node. */
    public enum Direction { OUTGOING, INCOMING }

    /**
     * Why a request was refused before it was forwarded: 513, 403, 483, 503 (in-progress cap), 503
     * (per-source rate). Unparsable messages never reach the proxy: JAIN-SIP answers 400 or drops them.
     */
    public enum Refusal { OVERSIZED, BAD_SIGNATURE, LOOP, OVERLOAD, RATE_LIMITED }

    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private static final String[] REQUESTS_RECEIVED = prefixes("requests_received|");
    private static final String[] RESPONSES_RECEIVED = prefixes("responses_received|");
    private static final String[] REQUESTS_SENT = prefixes("requests_sent|");
    private static final String[] STATUS_CLASS = {"0xx", "1xx", "2xx", "3xx", "4xx", "5xx", "6xx", "7xx", "8xx", "9xx"};
    /** prefix → name → the same adders as in {@link #counters}. */
    private final Map<String, Map<String, LongAdder>> perMessage = new ConcurrentHashMap<>();
    private final LongAdder[] lookupBuckets = new LongAdder[LOOKUP_BUCKETS_MS.length + 1];
    private final LongAdder lookupSumMs = new LongAdder();
    private final LongAdder lookupFailures = new LongAdder();

    public SipMetrics() {
        for (int i = 0; i < lookupBuckets.length; i++) lookupBuckets[i] = new LongAdder();
    }

    public void requestIn(Face face, String method) {
        perMessage(REQUESTS_RECEIVED[face.ordinal()], method).increment();
    }

    public void responseIn(Face face, int status) {
        int c = status / 100;
        perMessage(RESPONSES_RECEIVED[face.ordinal()], c >= 0 && c < STATUS_CLASS.length ? STATUS_CLASS[c] : c + "xx").increment();
    }

    public void requestOut(Face face, String method) {
        perMessage(REQUESTS_SENT[face.ordinal()], method).increment();
    }

    /**
     * The counter {@code prefix + name}, found without building the key string on every message
     * (several times per SIP message on a busy node): prefixes are the few constants above.
     */
    private LongAdder perMessage(String prefix, String name) {
        Map<String, LongAdder> byName = perMessage.computeIfAbsent(prefix, k -> new ConcurrentHashMap<>());
        LongAdder a = byName.get(name);
        if (a == null) {
            a = counters.computeIfAbsent(prefix + name, k -> new LongAdder());
            byName.putIfAbsent(name, a);
        }
        return a;
    }

    public void responseOut(int status) {
        count("responses_sent|" + status / 100 + "xx");
    }

    /** A response no client transaction knew, forwarded statelessly (mostly 2xx retransmissions). */
    public void strayResponse() {
        count("responses_stray");
    }

    public void callAttempted(Direction d) {
        count("calls_attempted|" + d);
    }

    /** The final status that went back to the caller of an attempted call. */
    public void callEnded(Direction d, int status) {
        if (status >= 200 && status < 300) count("calls_connected|" + d);
        else count("calls_failed|" + d + "|" + status);
    }

    public void refused(Refusal reason) {
        count("refused|" + reason);
    }

    public void lookup(long latencyMs) {
        int i = 0;
        while (i < LOOKUP_BUCKETS_MS.length && latencyMs > LOOKUP_BUCKETS_MS[i]) i++;
        lookupBuckets[i].increment();
        lookupSumMs.add(latencyMs);
    }

    public void lookupFailed() {
        lookupFailures.increment();
    }

    private static String[] prefixes(String kind) {
        Face[] faces = Face.values();
        String[] p = new String[faces.length];
        for (Face f : faces) p[f.ordinal()] = kind + f + "|";
        return p;
    }

    private void count(String key) {
        counters.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** A consistent-enough copy for one scrape. */
    public Snapshot snapshot() {
        Map<String, Long> c = new TreeMap<>();
        counters.forEach((k, v) -> c.put(k, v.sum()));
        long[] buckets = new long[lookupBuckets.length];
        for (int i = 0; i < buckets.length; i++) buckets[i] = lookupBuckets[i].sum();
        return new Snapshot(Map.copyOf(c), buckets, lookupSumMs.sum(), lookupFailures.sum());
    }

    /**
     * Counters by key ({@code name|label|label}, see the methods above), lookup latencies per bucket
     * (not cumulative; the last bucket is above {@link #LOOKUP_BUCKETS_MS}'s largest), their sum in
     * ms, and failed lookups.
     */
    public record Snapshot(Map<String, Long> counters, long[] lookupBuckets, long lookupSumMs, long lookupFailures) {
        public static final Snapshot EMPTY = new Snapshot(Map.of(), new long[LOOKUP_BUCKETS_MS.length + 1], 0, 0);

        public long lookups() {
            long n = 0;
            for (long b : lookupBuckets) n += b;
            return n;
        }

        public long counter(String key) {
            return counters.getOrDefault(key, 0L);
        }
    }
}
