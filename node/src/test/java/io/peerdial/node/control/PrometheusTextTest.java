package io.peerdial.node.control;

import static org.assertj.core.api.Assertions.assertThat;

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
}
