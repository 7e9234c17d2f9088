package io.peerdial.node.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.slf4j.Marker;

/**
 * Drops the five INFO/WARN lines JAIN-SIP's stack logs at every start about TLS key and trust
 * stores ("using default tls security policy", "TLS server settings will be inactive"…). peerdial
 * never opens a TLS listening point, so the lines say nothing a user can act on, and a phone or a
 * test starting several stacks printed dozens of them. Only those exact openings are dropped, only
 * below ERROR; everything else JAIN-SIP logs passes.
 */
public final class JainSipTlsNoise extends TurboFilter {

    static final List<String> OPENINGS = List.of(
            "using default tls security policy",
            "Using default keystore type",
            "Using default truststore type",
            "TLS server settings will be inactive",
            "TLS trust settings will be inactive",
            "javax.net.ssl.trustStorePassword is null");

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (format == null || level == null || level.isGreaterOrEqual(Level.ERROR)) return FilterReply.NEUTRAL;
        for (String opening : OPENINGS) {
            if (format.startsWith(opening)) return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
