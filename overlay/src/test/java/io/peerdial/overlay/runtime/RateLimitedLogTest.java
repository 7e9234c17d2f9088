package io.peerdial.overlay.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.event.Level;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

class RateLimitedLogTest {

    /** Records formatted messages: a fake logger instead of a mock. */
    static final class RecordingLogger extends AbstractLogger {
        final List<String> lines = new ArrayList<>();
        @Override protected String getFullyQualifiedCallerName() { return null; }
        @Override protected void handleNormalizedLoggingCall(Level level, Marker marker, String msg, Object[] args, Throwable t) {
            lines.add(level + " " + MessageFormatter.basicArrayFormat(msg, args));
        }
        @Override public boolean isTraceEnabled() { return true; }
        @Override public boolean isTraceEnabled(Marker marker) { return true; }
        @Override public boolean isDebugEnabled() { return true; }
        @Override public boolean isDebugEnabled(Marker marker) { return true; }
        @Override public boolean isInfoEnabled() { return true; }
        @Override public boolean isInfoEnabled(Marker marker) { return true; }
        @Override public boolean isWarnEnabled() { return true; }
        @Override public boolean isWarnEnabled(Marker marker) { return true; }
        @Override public boolean isErrorEnabled() { return true; }
        @Override public boolean isErrorEnabled(Marker marker) { return true; }
    }

    @Test
    void logsOncePerIntervalPerKindAndCountsTheSuppressed() {
        RecordingLogger logger = new RecordingLogger();
        RateLimitedLog log = new RateLimitedLog(logger, 1_000);
        log.warn(0, "a", "first a", null);
        log.warn(10, "a", "second a", null);
        log.warn(20, "a", "third a", null);
        log.warn(30, "b", "first b", null);
        log.warn(1_000, "a", "fourth a", null);
        log.warn(1_500, "a", "fifth a", null);
        assertThat(logger.lines).containsExactly(
                "WARN first a",
                "WARN first b",
                "WARN fourth a (2 more of this kind suppressed)");
    }
}
