package io.peerdial.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.node.daemon.NodeDaemon;
import io.peerdial.node.daemon.Role;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.p2p.base.P2PException;
import io.peerdial.p2p.dht.P2PMap;
import io.peerdial.p2p.group.GroupSocket;
import io.peerdial.p2p.route.Routed;
import io.peerdial.p2p.runtime.P2PNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One identity = one node: a {@link P2PServerSocket} gives the map, key routing and groups on its own node,
 * signed with the key behind its address, next to its connections; closing it closes them.
 */
class P2PServerSocketOverlayTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path seedDir;
    @TempDir
    Path aliceDir;
    @TempDir
    Path bobDir;

    /** A first DHT STORE on a loaded machine may miss its RPC timeout (NOT_STORED): a caller retries. */
    private static <T> T written(Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (P2PException e) {
                if (e.reason() != P2PException.Reason.NOT_STORED || attempt == 3) throw e;
            }
        }
    }

    @Test
    void connectionsMapRoutesAndGroupsShareOneIdentityAndOneNode() throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (NodeDaemon seed = NodeDaemon.start(new NodeDaemon.Settings(any, List.of(), seedDir, any, Role.SUPER,
                TrustAnchors.none(), any))) {
            List<InetSocketAddress> boot = List.of(seed.runtime().localAddress());
            CompletableFuture<P2PServerSocket> a = P2PServerSocket.bindAsync(P2POptions.of(aliceDir).onLoopback()
                    .withBootstrap(boot).withName("alice").withRole(Role.SUPER));
            CompletableFuture<P2PServerSocket> b = P2PServerSocket.bindAsync(P2POptions.of(bobDir).onLoopback()
                    .withBootstrap(boot).withName("bob").withRole(Role.SUPER));
            P2PServerSocket alice = a.get(30, TimeUnit.SECONDS);
            try (P2PServerSocket bob = b.get(30, TimeUnit.SECONDS)) {
                // one node: the data layers sit on the endpoint's own daemon, created once
                P2PNode overlay = alice.overlay();
                assertThat(overlay).isSameAs(alice.overlay());
                assertThat(overlay.daemon()).isSameAs(alice.node());
                assertThat(alice.route().self()).isEqualTo(alice.node().runtime().nodeId());

                // one identity: map entries are signed with the key that certifies the address
                assertThat(alice.localAddress().fingerprint()).contains(alice.map().owner().fingerprint());
                NodeId key = P2PMap.key("one-entry-point");
                byte[] value = "from alice".getBytes(StandardCharsets.UTF_8);
                written(() -> {
                    alice.map().add(key, value, WAIT);
                    return null;
                });
                assertThat(bob.map().get(key, alice.map().owner(), WAIT)).singleElement()
                        .satisfies(v -> assertThat(v).isEqualTo(value));

                // routing between the two endpoints' nodes
                alice.route().sendTo(bob.node().runtime().nodeId(), "routed".getBytes(StandardCharsets.UTF_8), WAIT);
                Routed in = bob.route().receive(WAIT);
                assertThat(in.addressedToMe()).isTrue();
                assertThat(in.sender()).isEqualTo(alice.node().runtime().nodeId());

                // a group and a connection side by side
                GroupSocket ga = written(() -> alice.groups().join("entry-point", WAIT));
                GroupSocket gb = written(() -> bob.groups().join("entry-point", WAIT));
                assertThat(ga.members(WAIT)).contains(bob.node().runtime().nodeId());
                ga.send("to the group".getBytes(StandardCharsets.UTF_8), WAIT);
                assertThat(new String(gb.receive(WAIT).payload(), StandardCharsets.UTF_8)).isEqualTo("to the group");

                CompletableFuture<P2PSocket> incoming = bob.acceptAsync();
                try (P2PSocket out = alice.connect(bob.localAddress(), WAIT);
                     P2PSocket s = incoming.get(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    out.send("and a connection".getBytes(StandardCharsets.UTF_8));
                    assertThat(new String(s.receive(WAIT), StandardCharsets.UTF_8)).isEqualTo("and a connection");
                }

                // closing the endpoint closes its data layers (alice leaves the group) and stops its node
                alice.close();
                alice.close(); // idempotent
                assertThatThrownBy(alice::map).isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(alice::overlay).isInstanceOf(IllegalStateException.class);
            } finally {
                alice.close();
            }
        }
    }
}
