package io.peerdial.examples;

import io.peerdial.node.daemon.Role;
import io.peerdial.p2p.P2PAddress;
import io.peerdial.p2p.P2POptions;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line shared by the examples' {@code main}s (a few options, no library needed):
 *
 * <pre>
 * --data DIR          identity (keys) and node state; required
 * --listen HOST:PORT  overlay UDP address (default 127.0.0.1, any port)
 * --bootstrap H:P     a node to join through (repeatable; none: the first node of a new overlay)
 * --name NAME         user part of our address (default "p2p")
 * --role auto|super|client
 * --relays            ask a super-node's TURN relay for a relay candidate (behind symmetric NATs)
 * --connect AOR       dial AOR instead of waiting for a connection
 * --timeout SECONDS   for connect/accept (default 60)
 * </pre>
 * Anything else is left in {@link #rest()}.
 */
record EndpointArgs(P2POptions options, P2PAddress connect, Duration timeout, List<String> rest) {

    static EndpointArgs parse(String... args) {
        Path data = null;
        InetSocketAddress listen = null;
        List<InetSocketAddress> bootstrap = new ArrayList<>();
        String name = "p2p";
        Role role = Role.AUTO;
        boolean relays = false;
        P2PAddress connect = null;
        Duration timeout = Duration.ofSeconds(60);
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--data" -> data = Path.of(value(args, ++i, a));
                case "--listen" -> listen = address(value(args, ++i, a));
                case "--bootstrap" -> bootstrap.add(address(value(args, ++i, a)));
                case "--name" -> name = value(args, ++i, a);
                case "--role" -> role = Role.valueOf(value(args, ++i, a).toUpperCase(java.util.Locale.ROOT));
                case "--relays" -> relays = true;
                case "--connect" -> connect = P2PAddress.of(value(args, ++i, a));
                case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(value(args, ++i, a)));
                default -> rest.add(a);
            }
        }
        if (data == null) throw new IllegalArgumentException("--data DIR is required");
        P2POptions o = P2POptions.of(data).withBootstrap(bootstrap).withName(name).withRole(role).withRelays(relays);
        o = listen == null ? o.onLoopback() : o.withListen(listen);
        return new EndpointArgs(o, connect, timeout, List.copyOf(rest));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 1) throw new IllegalArgumentException("HOST:PORT expected: " + hostPort);
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
