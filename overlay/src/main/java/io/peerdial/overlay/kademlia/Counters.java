package io.peerdial.overlay.kademlia;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Monotonic counters of one node (exported through {@link OverlayStatus#counters()}): the fixed
 * ones in a primitive array indexed by {@link Counter}, so counting on the hot path costs one
 * increment; the few whose names carry a reason (bad input by decode reason, STUN outcomes) in a
 * small map touched only on those rarer paths.
 */
final class Counters {

    /** Counter names as exported. */
    enum Counter {
        DATAGRAMS_IN("datagrams.in"),
        MESSAGES_OUT("messages.out"),
        REQUESTS_IN("requests.in"),
        REQUESTS_RATE_LIMITED("requests.rateLimited"),
        RESPONSES_IN("responses.in"),
        RESPONSES_UNEXPECTED("responses.unexpected"),
        RESPONSES_WRONG_NODE("responses.wrongNode"),
        RESPONSES_WRONG_TYPE("responses.wrongType"),
        RPC_SLOW("rpc.slow"),
        RPC_TIMEOUTS("rpc.timeouts"),
        RPC_LATE_ANSWERS("rpc.lateAnswers"),
        AUTH_PROVED("auth.proved"),
        AUTH_FAILED("auth.failed"),
        STORE_ACCEPTED("store.accepted"),
        STORE_REFUSED("store.refused"),
        STORE_BAD_TOKEN("store.badToken"),
        TABLE_SUBNET_LIMIT("table.subnetLimit"),
        HANDOFF_VALUES("handoff.values");

        final String exported;

        Counter(String exported) {
            this.exported = exported;
        }
    }

    private final long[] fixed = new long[Counter.values().length];
    private Map<String, long[]> named; // created on first use

    void inc(Counter c) {
        fixed[c.ordinal()]++;
    }

    void inc(String name) {
        if (named == null) named = new TreeMap<>();
        named.computeIfAbsent(name, n -> new long[1])[0]++;
    }

    long get(Counter c) {
        return fixed[c.ordinal()];
    }

    long get(String name) {
        long[] v = named == null ? null : named.get(name);
        return v == null ? 0 : v[0];
    }

    /** Every counter that is not zero, by exported name. */
    Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Counter c : Counter.values()) if (fixed[c.ordinal()] != 0) out.put(c.exported, fixed[c.ordinal()]);
        if (named != null) named.forEach((k, v) -> out.put(k, v[0]));
        return out;
    }
}
