package io.peerdial.p2p;

import io.peerdial.node.daemon.NodeDaemon;
import io.peerdial.p2p.dht.P2PMap;
import io.peerdial.p2p.group.Groups;
import io.peerdial.p2p.route.KeyRouter;
import io.peerdial.p2p.runtime.P2PNode;
import io.peerdial.p2p.transport.Endpoint;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A P2P endpoint bound to an identity: binding starts an embedded peerdial node with the keys of a data
 * directory, joins the overlay and publishes a signed binding for {@link #localAddress()}; the node keeps it
 * fresh and withdraws it on {@link #close()}. The endpoint both accepts connections and opens them
 * ({@link #connect}), like a socket bound to a port that is also used to dial out. Thread-safe.
 *
 * <p>One identity, one node: the same endpoint also gives the data layers of the P2P API on its node —
 * {@link #map()} (the signed DHT map), {@link #route()} (key-based routing) and {@link #groups()} — created on
 * first use ({@link #overlay()}) and closed with the endpoint. Their entries are signed with the endpoint's
 * user key, the one behind {@link #localAddress()}.
 *
 * <pre>{@code
 * try (P2PServerSocket bob = P2PServerSocket.bind(P2POptions.of(dir).withBootstrap(seeds))) {
 *     System.out.println("call me at " + bob.localAddress());
 *     try (P2PSocket s = bob.accept()) {
 *         s.getInputStream().transferTo(System.out);
 *     }
 * }
 * }</pre>
 */
public final class P2PServerSocket implements Closeable {

    /** Lifetime of the map's values when none is given ({@link P2PMap#put} takes its own too). */
    public static final Duration MAP_TTL = Duration.ofMinutes(10);

    private final Endpoint endpoint;
    private final InetAddress advertised;
    private P2PNode overlay; // guarded by this; created on first use
    private boolean closed;  // guarded by this

    private P2PServerSocket(Endpoint endpoint, InetAddress listen) {
        this.endpoint = endpoint;
        // A wildcard bind has no address of its own to give other nodes: as for ICE host candidates, loopback.
        this.advertised = listen.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : listen;
    }

    /**
     * Starts the node, joins through {@code options.bootstrap()} and publishes the binding; returns once it is
     * published (at most ~15 s).
     *
     * @throws IOException when the node cannot start (address in use, unreadable keys) or the binding is refused
     */
    public static P2PServerSocket bind(P2POptions options) throws IOException {
        return new P2PServerSocket(Endpoint.start(options), options.listen().getAddress());
    }

    /** As {@link #bind}, on a new thread. */
    public static CompletableFuture<P2PServerSocket> bindAsync(P2POptions options) {
        return Endpoint.startAsync(options).thenApply(e -> new P2PServerSocket(e, options.listen().getAddress()));
    }

    /** Our self-certifying address ({@code sip:NAME@FINGERPRINT.peerdial}), what peers {@link #connect} to. */
    public P2PAddress localAddress() {
        return endpoint.address();
    }

    /** Waits for the next incoming connection (ICE completed, remote identity verified). */
    public P2PSocket accept() throws IOException {
        try {
            return Futures.await(acceptAsync(), null, "accept");
        } catch (TimeoutException e) {
            throw new AssertionError("no timeout given", e);
        }
    }

    /** As {@link #accept()}, for at most {@code timeout}. */
    public P2PSocket accept(Duration timeout) throws IOException, TimeoutException {
        Futures.checkTimeout(timeout);
        return Futures.await(acceptAsync(), timeout, "accept");
    }

    /** The next incoming connection; cancelling the future gives up the wait (a later connection is not lost). */
    public CompletableFuture<P2PSocket> acceptAsync() {
        return endpoint.accept().thenApply(P2PSocket::new);
    }

    /**
     * Connects to {@code remote}: looks its binding up, sends the signed offer through the overlay's SIP
     * signalling, runs ICE and returns once a path is selected and the remote identity verified.
     *
     * @throws PeerNotFoundException  no binding for {@code remote}, or none of its endpoints reachable
     * @throws ConnectivityException  the offer was refused, the identity not verified, or ICE failed
     * @throws TimeoutException       nothing of the above within {@code timeout} (the attempt is abandoned)
     */
    public P2PSocket connect(P2PAddress remote, Duration timeout) throws IOException, TimeoutException {
        Futures.checkTimeout(timeout);
        return Futures.await(connectAsync(remote), timeout, "connect to " + remote);
    }

    /** As {@link #connect}; the future fails with the same exceptions, and cancelling it abandons the attempt. */
    public CompletableFuture<P2PSocket> connectAsync(P2PAddress remote) {
        CompletableFuture<P2PSocket> out = new CompletableFuture<>();
        var attempt = endpoint.connect(remote);
        attempt.whenComplete((c, err) -> {
            if (err != null) {
                out.completeExceptionally(err);
            } else if (!out.complete(new P2PSocket(c))) {
                c.close(); // the caller gave up meanwhile
            }
        });
        out.whenComplete((s, err) -> {
            if (out.isCancelled()) {
                attempt.cancel(false);
            }
        });
        return out;
    }

    /**
     * The embedded node (overlay runtime, SIP service, relay), for layers built on this endpoint such as the DHT
     * map and key-routed messages. Not to be closed directly: {@link #close()} does.
     */
    public NodeDaemon node() {
        return endpoint.node();
    }

    /**
     * The data layers on this endpoint's node ({@link P2PNode#attach}: map, key routing, groups), created on the
     * first call; {@link #close()} closes them (leaving every group) before it stops the node.
     *
     * @throws IllegalStateException once the endpoint is closed
     */
    public synchronized P2PNode overlay() {
        if (closed) {
            throw new IllegalStateException("P2PServerSocket closed");
        }
        if (overlay == null) {
            overlay = P2PNode.attach(endpoint.node(), advertised, MAP_TTL, Groups.Settings.DEFAULT);
        }
        return overlay;
    }

    /** The signed DHT map, its entries signed with this endpoint's identity: {@code overlay().map()}. */
    public P2PMap map() {
        return overlay().map();
    }

    /** Key-based routing from this endpoint's node: {@code overlay().route()}. */
    public KeyRouter route() {
        return overlay().route();
    }

    /** Groups joined as this endpoint's identity: {@code overlay().groups()}. */
    public Groups groups() {
        return overlay().groups();
    }

    /**
     * Leaves every group and stops routing (when {@link #overlay()} was used), closes every connection, withdraws
     * the binding and stops the node. Idempotent.
     */
    @Override
    public void close() {
        P2PNode o;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            o = overlay;
        }
        if (o != null) {
            o.close(); // attached: leaves the groups while the node still runs, does not stop it
        }
        endpoint.close();
    }
}
