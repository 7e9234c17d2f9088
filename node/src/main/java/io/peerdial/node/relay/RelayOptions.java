package io.peerdial.node.relay;

import java.net.InetAddress;
import java.util.Objects;

/**
 * What the operator lets this node give as a relay ({@code peerdial node --relay* } options).
 *
 * @param enabled            false: {@code --relay off}, the node never relays whatever its role
 * @param relayIp            address the TURN server is reached at and relays on; null: the node's
 *                           listen address when it is not a wildcard (else the node cannot relay)
 * @param port               TURN port (UDP and TCP); 0 = any free port (tests)
 * @param minPort            first relayed port
 * @param maxPort            last relayed port
 * @param maxSessions        operator cap: relayed sessions at once (0 gives nothing)
 * @param maxBytesPerSecond  operator cap: relayed bandwidth, both directions
 * @param minUptimeMs        with {@code --role auto}, uptime before the node offers to relay
 * @param region             region label of the adverts ("any" unless the operator says)
 * @param allowLoopbackPeers relay to 127.0.0.1/::1 peers (tests only; coturn's --allow-loopback-peers)
 * @param advertIntervalMs   how often the advert (capacity left, load) is republished
 */
public record RelayOptions(boolean enabled, InetAddress relayIp, int port, int minPort, int maxPort, int maxSessions,
                           long maxBytesPerSecond, long minUptimeMs, String region, boolean allowLoopbackPeers,
                           long advertIntervalMs) {

    public static final int DEFAULT_PORT = 3478;
    /** What one relayed call is assumed to use when admitting (RelayCaps): ~10 kB/s each way. */
    public static final long BYTES_PER_SECOND_PER_SESSION = 20_000;

    public RelayOptions {
        Objects.requireNonNull(region, "region");
        if (port < 0 || port > 65535 || minPort < 1 || maxPort > 65535 || minPort > maxPort) {
            throw new IllegalArgumentException("bad relay ports: " + port + ", range " + minPort + "-" + maxPort);
        }
        if (maxSessions < 0 || maxBytesPerSecond < 0 || minUptimeMs < 0 || advertIntervalMs <= 0) {
            throw new IllegalArgumentException("relay caps and times must be >= 0");
        }
    }

    /** Relaying on, port 3478, ports 49152-65535, 100 sessions, 2.5 MB/s, 10 minutes of uptime first. */
    public static RelayOptions defaults() {
        return new RelayOptions(true, null, DEFAULT_PORT, 49152, 65535, 100, 2_500_000, 600_000, "any", false, 60_000);
    }

    /** {@code --relay off}. */
    public static RelayOptions off() {
        return defaults().withEnabled(false);
    }

    public RelayOptions withEnabled(boolean on) {
        return new RelayOptions(on, relayIp, port, minPort, maxPort, maxSessions, maxBytesPerSecond, minUptimeMs, region,
                allowLoopbackPeers, advertIntervalMs);
    }

    /** True when the operator gives nothing: off, or caps below one session. */
    public boolean givesNothing() {
        return !enabled || maxSessions == 0 || maxBytesPerSecond < BYTES_PER_SECOND_PER_SESSION;
    }
}
