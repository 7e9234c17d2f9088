package io.peerdial.examples;

import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.node.daemon.NodeDaemon;
import io.peerdial.node.daemon.Role;
import io.peerdial.p2p.P2POptions;
import io.peerdial.p2p.P2PServerSocket;
import io.peerdial.p2p.P2PSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A seed node and two bound endpoints, alice and bob, on 127.0.0.1; {@link #connect} opens a pair of sockets. */
final class TwoEndpoints implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    final NodeDaemon seed;
    final P2PServerSocket alice;
    final P2PServerSocket bob;

    TwoEndpoints(Path dir) throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        seed = NodeDaemon.start(new NodeDaemon.Settings(any, List.of(), dir.resolve("seed"), any, Role.SUPER, TrustAnchors.none(), any));
        List<InetSocketAddress> boot = List.of(seed.runtime().localAddress());
        CompletableFuture<P2PServerSocket> a = P2PServerSocket.bindAsync(options(dir.resolve("alice"), "alice", boot));
        CompletableFuture<P2PServerSocket> b = P2PServerSocket.bindAsync(options(dir.resolve("bob"), "bob", boot));
        alice = a.get(30, TimeUnit.SECONDS);
        bob = b.get(30, TimeUnit.SECONDS);
    }

    private static P2POptions options(Path dir, String name, List<InetSocketAddress> boot) {
        return P2POptions.of(dir).onLoopback().withBootstrap(boot).withName(name).withRole(Role.SUPER);
    }

    /** alice connects to bob: [alice's socket, bob's socket]. */
    P2PSocket[] connect() throws Exception {
        CompletableFuture<P2PSocket> incoming = bob.acceptAsync();
        P2PSocket out = alice.connect(bob.localAddress(), WAIT);
        return new P2PSocket[] {out, incoming.get(WAIT.toSeconds(), TimeUnit.SECONDS)};
    }

    @Override
    public void close() {
        alice.close();
        bob.close();
        seed.close();
    }
}
