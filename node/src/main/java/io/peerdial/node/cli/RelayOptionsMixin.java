package io.peerdial.node.cli;

import io.peerdial.node.relay.RelayOptions;
import java.net.InetAddress;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The {@code peerdial node --relay*} options: what this node gives as a relay (docs/RELAY.md, "Relays in the overlay"). */
final class RelayOptionsMixin {

    @Option(names = "--relay", paramLabel = "on|off", defaultValue = "on",
            description = "off: never relay for others, whatever the role (default: ${DEFAULT-VALUE}).")
    String relay;

    @Option(names = "--relay-ip", paramLabel = "IP",
            description = "Address the TURN relay is reached at and relays on (default: the --listen address unless it is a wildcard).")
    InetAddress relayIp;

    @Option(names = "--relay-port", paramLabel = "PORT", defaultValue = "3478",
            description = "TURN port, UDP and TCP (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--relay-min-port", paramLabel = "PORT", defaultValue = "49152", description = "First relayed port (default: ${DEFAULT-VALUE}).")
    int minPort;

    @Option(names = "--relay-max-port", paramLabel = "PORT", defaultValue = "65535", description = "Last relayed port (default: ${DEFAULT-VALUE}).")
    int maxPort;

    @Option(names = "--relay-max-sessions", paramLabel = "N", defaultValue = "100",
            description = "Operator cap: relayed sessions at once (default: ${DEFAULT-VALUE}; 0 gives nothing).")
    int maxSessions;

    @Option(names = "--relay-max-bps", paramLabel = "BYTES", defaultValue = "2500000",
            description = "Operator cap: relayed bytes per second, both directions (default: ${DEFAULT-VALUE}).")
    long maxBytesPerSecond;

    @Option(names = "--relay-min-uptime", paramLabel = "DURATION", defaultValue = "10m", converter = DurationMs.class,
            description = "With --role auto: uptime before a PUBLIC node relays, e.g. 90s, 10m, 1h (default: ${DEFAULT-VALUE}).")
    long minUptimeMs;

    @Option(names = "--relay-region", paramLabel = "LABEL", defaultValue = "any",
            description = "Region label of this relay's adverts (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--relay-allow-loopback-peers", hidden = true,
            description = "Relay to 127.0.0.1/::1 peers (tests only).")
    boolean allowLoopbackPeers;

    RelayOptions toOptions() {
        boolean on = switch (relay.toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("--relay expects on or off, got '" + relay + "'");
        };
        return new RelayOptions(on, relayIp, port, minPort, maxPort, maxSessions, maxBytesPerSecond, minUptimeMs, region,
                allowLoopbackPeers, RelayOptions.defaults().advertIntervalMs());
    }

    /** "90s", "10m", "1h", or plain seconds. */
    static final class DurationMs implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            long unit = 1000;
            if (t.endsWith("ms")) {
                unit = 1;
                t = t.substring(0, t.length() - 2);
            } else if (t.endsWith("s")) {
                t = t.substring(0, t.length() - 1);
            } else if (t.endsWith("m")) {
                unit = 60_000;
                t = t.substring(0, t.length() - 1);
            } else if (t.endsWith("h")) {
                unit = 3_600_000;
                t = t.substring(0, t.length() - 1);
            }
            try {
                long n = Long.parseLong(t);
                if (n < 0) throw new NumberFormatException();
                return Math.multiplyExact(n, unit);
            } catch (NumberFormatException | ArithmeticException e) {
                throw new TypeConversionException("expected a duration like 90s, 10m or 1h, got '" + text + "'");
            }
        }
    }
}
