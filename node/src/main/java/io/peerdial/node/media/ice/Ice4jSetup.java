package io.peerdial.node.media.ice;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The one place that configures ice4j for this JVM, before the first {@code Agent} exists: ice4j
 * reads its settings (typesafe config, which gives system properties precedence) once and caches them.
 * A property the operator already set (-D...) is left alone.
 */
final class Ice4jSetup {

    /** What we set, and why. */
    static final Map<String, String> PROPERTIES = properties();

    private static boolean done;

    private Ice4jSetup() {
    }

    private static Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        // probes the cloud metadata address 169.254.169.254 (~170 ms, and a request we have no business making)
        p.put("ice4j.harvest.mapping.aws.enabled", "false");
        // IPv4 only unless configured: our overlay and tests are IPv4; link-local addresses do not route
        p.put("ice4j.harvest.use-ipv6", "false");
        p.put("ice4j.harvest.use-link-local-addresses", "false");
        // a STUN/TURN gathering that gets no answer blocks session creation: bound it (default 15 s)
        p.put("ice4j.harvest.timeout", "3 seconds");
        // after COMPLETED ice4j keeps checking for this long before TERMINATED; keep its default visible
        p.put("ice4j.ice.termination-delay", "3 seconds");
        return Map.copyOf(p);
    }

    /** Sets the properties and bridges java.util.logging (ice4j's logger) to SLF4J; idempotent. */
    static synchronized void ensure() {
        if (done) {
            return;
        }
        PROPERTIES.forEach((k, v) -> {
            if (System.getProperty(k) == null) {
                System.setProperty(k, v);
            }
        });
        if (!SLF4JBridgeHandler.isInstalled()) { // PeerdialCli.main installs it too
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        done = true;
    }
}
