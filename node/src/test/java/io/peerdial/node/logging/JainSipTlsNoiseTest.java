package io.peerdial.node.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

class JainSipTlsNoiseTest {

    private final ch.qos.logback.classic.Logger stack = new LoggerContext().getLogger("peerdial-phone-1");
    private final JainSipTlsNoise filter = new JainSipTlsNoise();

    @Test
    void theTlsStartupLinesAreDropped() {
        for (String opening : JainSipTlsNoise.OPENINGS) {
            assertThat(filter.decide(null, stack, Level.WARN, opening + " and more", null, null)).as(opening).isEqualTo(FilterReply.DENY);
        }
    }

    @Test
    void otherLinesAndErrorsPass() {
        assertThat(filter.decide(null, stack, Level.WARN, "Dialog not found for BYE", null, null)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, stack, Level.ERROR, "TLS server settings will be inactive", null, null))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, stack, Level.INFO, null, null, null)).isEqualTo(FilterReply.NEUTRAL);
    }
}
