package io.peerdial.overlay.kademlia;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Named monotonic counters of one node (exported through {@link OverlayStatus#counters()}). */
final class Counters {

    private final Map<String, long[]> values = new TreeMap<>();

    void inc(String name) {
        values.computeIfAbsent(name, n -> new long[1])[0]++;
    }

    long get(String name) {
        long[] v = values.get(name);
        return v == null ? 0 : v[0];
    }

    Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v[0]));
        return out;
    }
}
