package io.peerdial.p2p.runtime;

import io.peerdial.location.map.SignedDhtMap;
import io.peerdial.location.runtime.RuntimeOverlayAccess;
import io.peerdial.node.daemon.NodeDaemon;
import io.peerdial.node.daemon.Role;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.p2p.base.Blocking;
import io.peerdial.p2p.base.P2PException;
import io.peerdial.p2p.dht.P2PMap;
import io.peerdial.p2p.group.Groups;
import io.peerdial.p2p.route.KeyRouter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One peerdial node as the P2P API sees it: {@link #map()} (the signed DHT map), {@link #route()}
 * (send to the node closest to a key, receive) and {@link #groups()} (group sockets). It either
 * starts an embedded node ({@link #start}) for the identity kept in a data directory, or attaches to
 * a {@link NodeDaemon} the caller runs ({@link #attach}).
 *
 * <pre>{@code
 * try (P2PNode node = P2PNode.start(P2PNode.Options.loopback(dataDir, List.of(bootstrap)))) {
 *     node.awaitJoined(Duration.ofSeconds(10));
 *     node.route().sendTo(P2PMap.key("echo"), bytes, Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class P2PNode implements AutoCloseable {

    /**
     * How to start an embedded node: where to listen, whom to join through (empty: the first node of a
     * new overlay), where the identity lives, and the map's default value lifetime.
     */
    public record Options(InetSocketAddress listen, List<InetSocketAddress> bootstrap, Path dataDir, Duration mapTtl,
                          Groups.Settings groups) {
        public Options {
            Objects.requireNonNull(listen, "listen");
            bootstrap = List.copyOf(bootstrap);
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(mapTtl, "mapTtl");
            Objects.requireNonNull(groups, "groups");
        }

        /** A node on 127.0.0.1 with any free port, default lifetimes: for tests and examples. */
        public static Options loopback(Path dataDir, List<InetSocketAddress> bootstrap) {
            return new Options(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), bootstrap, dataDir,
                    Duration.ofMinutes(10), Groups.Settings.DEFAULT);
        }
    }

    private final NodeDaemon daemon;
    private final boolean owned;
    private final RuntimeOverlayAccess access;
    private final P2PMap map;
    private final KeyRouter route;
    private final Groups groups;

    private P2PNode(NodeDaemon daemon, boolean owned, Duration mapTtl, Groups.Settings groupSettings, InetAddress advertised) {
        this.daemon = daemon;
        this.owned = owned;
        this.access = new RuntimeOverlayAccess(daemon.runtime());
        SignedDhtMap signed = new SignedDhtMap(access, daemon.userKey(), mapTtl);
        RuntimeOverlayPort port = new RuntimeOverlayPort(daemon.runtime(), advertised);
        this.map = new P2PMap(signed);
        this.route = new KeyRouter(port);
        this.groups = new Groups(port, signed, new SecureRandom(), groupSettings);
    }

    /**
     * Starts an embedded node (no SIP service, control endpoint on a free loopback port) and begins its
     * join. Its user key in {@code dataDir} signs the map's and the groups' entries.
     *
     * @throws IOException when the address cannot be bound or the data directory is not usable
     */
    public static P2PNode start(Options options) throws IOException {
        NodeDaemon daemon = NodeDaemon.start(new NodeDaemon.Settings(options.listen(), options.bootstrap(), options.dataDir(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Role.SUPER));
        try {
            InetAddress host = options.listen().getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : null;
            return new P2PNode(daemon, true, options.mapTtl(), options.groups(), host);
        } catch (RuntimeException e) {
            daemon.close();
            throw e;
        }
    }

    /**
     * The API on a node the caller runs (and closes). {@code advertised}: the address other nodes reach
     * it at when it listens on a wildcard address, else null.
     */
    public static P2PNode attach(NodeDaemon daemon, InetAddress advertised, Duration mapTtl, Groups.Settings groups) {
        return new P2PNode(Objects.requireNonNull(daemon, "daemon"), false, mapTtl, groups, advertised);
    }

    /** This node's id: key-routed datagrams sent to it are {@code addressedToMe}. */
    public NodeId nodeId() {
        return daemon.runtime().nodeId();
    }

    /** The overlay address to give other nodes as their bootstrap. */
    public InetSocketAddress overlayAddress() {
        return daemon.runtime().localAddress();
    }

    /** The signed DHT map. */
    public P2PMap map() {
        return map;
    }

    /** Key-based routing. */
    public KeyRouter route() {
        return route;
    }

    /** Group membership and group sockets. */
    public Groups groups() {
        return groups;
    }

    /** The underlying node (status, SIP, relay...). */
    public NodeDaemon daemon() {
        return daemon;
    }

    /**
     * Waits until the node knows at least {@code contacts} other nodes (its join went through).
     *
     * @throws P2PException TIMEOUT when it does not in time
     */
    public void awaitContacts(int contacts, Duration timeout) throws InterruptedException {
        Blocking.checkTimeout(timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (daemon.runtime().status().get(timeout.toMillis(), TimeUnit.MILLISECONDS).contacts() >= contacts) return;
            } catch (ExecutionException | TimeoutException e) {
                // asked again below until the deadline
            }
            if (System.nanoTime() > deadline) {
                throw new P2PException(P2PException.Reason.TIMEOUT,
                        "fewer than " + contacts + " contacts after " + timeout);
            }
            Thread.sleep(20);
        }
    }

    /** Most time {@link #close} gives the groups' removal tombstones to be stored before the node stops. */
    static final Duration LEAVE_GRACE = Duration.ofSeconds(2);

    /**
     * Leaves every group (waiting up to {@link #LEAVE_GRACE} for the removals to be stored), stops
     * routing, and stops the embedded node (not an attached one). Idempotent.
     */
    @Override
    public void close() {
        try {
            groups.closeAsync().get(LEAVE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the entries expire after their TTL instead
        }
        route.close();
        access.close();
        if (owned) daemon.close();
    }
}
