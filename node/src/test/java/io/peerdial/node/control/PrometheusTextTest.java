package io.peerdial.node.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.node.sip.SipMetrics;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void sanitizesCounterNamesIntoMetricNames() {
        assertThat(PrometheusText.sanitize("messages.in")).isEqualTo("messages_in");
        assertThat(PrometheusText.sanitize("bad datagram/TRUNCATED")).isEqualTo("bad_datagram_truncated");
        assertThat(PrometheusText.sanitize("..x..")).isEqualTo("x");
        assertThat(PrometheusText.sanitize("requests_total")).isEqualTo("requests");
        assertThat(PrometheusText.sanitize("???")).isEqualTo("unnamed");
    }

    @Test
    void sipCountersBecomeLabelledCountersAndLookupsAHistogram() {
        SipMetrics m = new SipMetrics();
        m.requestIn(SipMetrics.Face.PHONE, "INVITE");
        m.callAttempted(SipMetrics.Direction.OUTGOING);
        m.callAttempted(SipMetrics.Direction.OUTGOING);
        m.callEnded(SipMetrics.Direction.OUTGOING, 200);
        m.callEnded(SipMetrics.Direction.OUTGOING, 404);
        m.refused(SipMetrics.Refusal.BAD_SIGNATURE);
        m.strayResponse();
        m.lookup(3);
        m.lookup(40);
        m.lookup(60_000);
        m.lookupFailed();
        StringBuilder out = new StringBuilder();
        PrometheusText.sip(out, m.snapshot());
        assertThat(out.toString()).contains(
                "peerdial_sip_requests_received_total{face=\"phone\",method=\"invite\"} 1\n",
                "peerdial_sip_calls_attempted_total{direction=\"outgoing\"} 2\n",
                "peerdial_sip_calls_connected_total{direction=\"outgoing\"} 1\n",
                "peerdial_sip_calls_failed_total{direction=\"outgoing\",status=\"404\"} 1\n",
                "peerdial_sip_refused_total{reason=\"bad_signature\"} 1\n",
                "\npeerdial_sip_responses_stray_total 1\n",
                "# TYPE peerdial_sip_lookup_duration_seconds histogram\n",
                "peerdial_sip_lookup_duration_seconds_bucket{le=\"0.002\"} 0\n",
                "peerdial_sip_lookup_duration_seconds_bucket{le=\"0.005\"} 1\n",
                "peerdial_sip_lookup_duration_seconds_bucket{le=\"0.05\"} 2\n",
                "peerdial_sip_lookup_duration_seconds_bucket{le=\"10\"} 2\n",
                "peerdial_sip_lookup_duration_seconds_bucket{le=\"+Inf\"} 3\n",
                "peerdial_sip_lookup_duration_seconds_sum 60.043\n",
                "peerdial_sip_lookup_duration_seconds_count 3\n",
                "peerdial_sip_lookup_failures_total 1\n");
    }
}
