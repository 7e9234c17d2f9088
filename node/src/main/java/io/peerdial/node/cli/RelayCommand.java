package io.peerdial.node.cli;

import io.peerdial.node.daemon.HostPort;
import io.peerdial.relay.runtime.TurnRelayRuntime;
import io.peerdial.relay.server.Credentials;
import io.peerdial.relay.server.PeerAddressPolicy;
import io.peerdial.relay.server.TurnConfig;
import io.peerdial.relay.server.TurnStats;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code peerdial relay}: a standalone TURN server (RFC 8656) with static long-term credentials (docs/RELAY.md). */
@Command(name = "relay",
        description = "Runs a standalone TURN relay (RFC 8656, UDP) with static long-term credentials until SIGINT/SIGTERM.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.L_OK, ExitCodes.L_FAILURE, ExitCodes.L_USAGE})
final class RelayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--listen", required = true, paramLabel = "HOST:PORT", converter = Converters.HostPortConverter.class,
            description = "UDP address clients send TURN requests to (e.g. 0.0.0.0:3478).")
    InetSocketAddress listen;

    @Option(names = "--relay-ip", required = true, paramLabel = "IP", description = "Local IP address the relayed ports are bound on.")
    String relayIp;

    @Option(names = "--min-port", paramLabel = "N", defaultValue = "49152", description = "Lowest relayed port (default: ${DEFAULT-VALUE}).")
    int minPort;

    @Option(names = "--max-port", paramLabel = "N", defaultValue = "65535", description = "Highest relayed port (default: ${DEFAULT-VALUE}).")
    int maxPort;

    @Option(names = "--user", required = true, paramLabel = "USER:PASSWORD", description = "A long-term credential (repeatable).")
    List<String> users = new ArrayList<>();

    @Option(names = "--realm", required = true, paramLabel = "REALM", description = "REALM of the long-term credential mechanism.")
    String realm;

    @Option(names = "--allow-loopback-peers", description = "Let clients reach peers on loopback addresses (testing only).")
    boolean allowLoopbackPeers;

    @Option(names = "--allow-private-peers", description = "Let clients reach peers on private (RFC 1918, fc00::/7, link-local) addresses.")
    boolean allowPrivatePeers;

    @Option(names = "--user-quota", paramLabel = "N", defaultValue = "1000",
            description = "Most allocations one user may hold at once (default: ${DEFAULT-VALUE}).")
    int userQuota;

    @Option(names = "--max-bps", paramLabel = "BYTES", defaultValue = "0",
            description = "Relayed bytes per second per allocation, both directions; 0 = unlimited (default: ${DEFAULT-VALUE}).")
    long maxBytesPerSecond;

    @Override
    public Integer call() throws IOException, InterruptedException {
        InetAddress relayAddress = parseRelayIp();
        checkPort("--min-port", minPort);
        checkPort("--max-port", maxPort);
        if (minPort > maxPort) {
            throw usage("--max-port", "must not be below --min-port (" + minPort + "), got " + maxPort);
        }
        if (userQuota < 1) {
            throw usage("--user-quota", "must be at least 1, got " + userQuota);
        }
        if (maxBytesPerSecond < 0) {
            throw usage("--max-bps", "must be 0 (unlimited) or positive, got " + maxBytesPerSecond);
        }
        if (realm.isBlank() || realm.length() > 127) {
            throw usage("--realm", "must be 1-127 characters");
        }
        TurnConfig config = TurnConfig.defaults(realm)
                .withPeerPolicy(new PeerAddressPolicy(allowLoopbackPeers, allowPrivatePeers))
                .withQuotas(userQuota, 100_000, maxBytesPerSecond, Math.max(maxBytesPerSecond, 65_536));
        TurnRelayRuntime relay = TurnRelayRuntime.start(new TurnRelayRuntime.Settings(
                listen, relayAddress, minPort, maxPort, config, Credentials.of(parseUsers())));
        spec.commandLine().getOut().println("peerdial relay: listening on " + HostPort.format(relay.listenAddress())
                + " (UDP and TCP), realm " + realm + ", relayed ports " + relayAddress.getHostAddress() + ":" + minPort + "-" + maxPort);
        spec.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            relay.close();
            TurnStats s = relay.stats();
            System.err.printf("peerdial relay: stopped; %d allocations created, %d bytes relayed, %d peer datagrams dropped "
                    + "without permission, %d send drops%n", s.allocationsCreated(), s.bytesRelayed(), s.droppedNoPermission(),
                    relay.sendDrops());
            stopped.countDown();
        }, "peerdial-relay-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }

    private InetAddress parseRelayIp() {
        if (!relayIp.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            throw usage("--relay-ip", "expected a literal IPv4 or IPv6 address, got '" + relayIp + "'");
        }
        try {
            InetAddress a = InetAddress.getByName(relayIp);
            if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
                throw usage("--relay-ip", "must be a unicast address of this host, got " + relayIp);
            }
            return a;
        } catch (UnknownHostException e) {
            throw usage("--relay-ip", "expected a literal IPv4 or IPv6 address, got '" + relayIp + "'");
        }
    }

    private Map<String, String> parseUsers() {
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String u : users) {
            int colon = u.indexOf(':');
            if (colon <= 0 || colon == u.length() - 1) {
                throw usage("--user", "expected USER:PASSWORD with both parts non-empty, got '" + u + "'");
            }
            passwords.put(u.substring(0, colon), u.substring(colon + 1));
        }
        return passwords;
    }

    private void checkPort(String option, int port) {
        if (port < 1 || port > 65_535) {
            throw usage(option, "must be in 1..65535, got " + port);
        }
    }

    private ParameterException usage(String option, String what) {
        return new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + what);
    }
}
