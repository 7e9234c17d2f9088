package io.peerdial.simulator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

    /** summary.json is compared as text between runs (docs/SIMULATOR.md): its nested keys keep one order. */
    @Test
    @SuppressWarnings("unchecked")
    void lookupSummaryKeysComeInAFixedOrder() {
        Metrics m = new Metrics();
        m.lookup(0, 120, 3, Metrics.SUCCESS);
        m.lookup(10, 300, 5, Metrics.SUCCESS);
        m.lookup(20, 900, 4, Metrics.TIMED_OUT);
        Map<String, Object> lookups = (Map<String, Object>) m.summary().get("lookups");
        Map<String, Object> hops = (Map<String, Object>) lookups.get("hops");
        Map<String, Object> latency = (Map<String, Object>) lookups.get("latencyMs");
        assertThat(hops.keySet()).containsExactly("median", "p95");
        assertThat(hops).containsEntry("median", 3).containsEntry("p95", 5);
        assertThat(latency.keySet()).containsExactly("median", "p95", "p99");
        assertThat(lookups).containsEntry("total", 3).containsEntry("timedOut", 1L);
    }
}
