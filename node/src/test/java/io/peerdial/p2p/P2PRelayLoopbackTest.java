package io.peerdial.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.node.daemon.NodeDaemon;
import io.peerdial.node.daemon.Role;
import io.peerdial.node.relay.RelayOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Relays on: the seed is a super-node running a TURN relay (loopback peers allowed, tests only); alice finds
 * it through the DHT, allocates a relay candidate and offers only that one. The connection works and its path
 * type agrees with the selected pair's candidate types. (On loopback ICE may still pick a peer-reflexive
 * direct pair: ice4j checks from alice's unadvertised host candidate too; forcing relay-only needs a policy in
 * media.ice's IceRun, an open item.)
 */
class P2PRelayLoopbackTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path seedDir;
    @TempDir
    Path aliceDir;
    @TempDir
    Path bobDir;

    @Test
    void anEndpointWithRelaysOnConnectsAndReportsItsPathType() throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        RelayOptions relay = new RelayOptions(true, null, 0, 52_500, 52_599, 10, 1_000_000, 600_000, "any", true, 1);
        try (NodeDaemon seed = NodeDaemon.start(new NodeDaemon.Settings(any, List.of(), seedDir, any, Role.SUPER, TrustAnchors.none(), any),
                relay)) {
            List<InetSocketAddress> boot = List.of(seed.runtime().localAddress());
            try (P2PServerSocket alice = P2PServerSocket.bind(P2POptions.of(aliceDir).onLoopback().withBootstrap(boot)
                    .withName("alice").withRole(Role.SUPER).withRelays(true).withHostCandidates(false));
                 P2PServerSocket bob = P2PServerSocket.bind(P2POptions.of(bobDir).onLoopback().withBootstrap(boot)
                    .withName("bob").withRole(Role.SUPER))) {
                assertThat(seed.relay().tickNow().get(WAIT.toSeconds(), TimeUnit.SECONDS).role()).isEqualTo("relay");

                CompletableFuture<P2PSocket> incoming = bob.acceptAsync();
                try (P2PSocket out = alice.connect(bob.localAddress(), WAIT);
                     P2PSocket in = incoming.get(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    for (P2PPath p : List.of(out.path(), in.path())) {
                        boolean relayed = p.localCandidate().equals("relay") || p.remoteCandidate().equals("relay");
                        assertThat(p.type()).isEqualTo(relayed ? PathType.RELAYED : PathType.DIRECT);
                    }
                    out.send("via the relay".getBytes());
                    assertThat(new String(in.receive(WAIT))).isEqualTo("via the relay");
                    byte[] data = new byte[64 * 1024];
                    new java.util.SplittableRandom(3).nextBytes(data);
                    out.getOutputStream().write(data);
                    out.shutdownOutput();
                    in.setReadTimeout(WAIT);
                    assertThat(in.getInputStream().readAllBytes()).isEqualTo(data);
                }
            }
        }
    }

    @Test
    void relayOnlyForTestsForcesARelayedPath() throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        RelayOptions relay = new RelayOptions(true, null, 0, 52_700, 52_799, 10, 100_000_000, 600_000, "any", true, 1);
        try (NodeDaemon seed = NodeDaemon.start(new NodeDaemon.Settings(any, List.of(), seedDir, any, Role.SUPER, TrustAnchors.none(), any),
                relay)) {
            List<InetSocketAddress> boot = List.of(seed.runtime().localAddress());
            try (P2PServerSocket alice = P2PServerSocket.bind(P2POptions.of(aliceDir).onLoopback().withBootstrap(boot)
                    .withName("alice").withRole(Role.SUPER).withRelayOnlyForTests());
                 P2PServerSocket bob = P2PServerSocket.bind(P2POptions.of(bobDir).onLoopback().withBootstrap(boot)
                    .withName("bob").withRole(Role.SUPER))) {
                assertThat(seed.relay().tickNow().get(WAIT.toSeconds(), TimeUnit.SECONDS).role()).isEqualTo("relay");

                CompletableFuture<P2PSocket> incoming = bob.acceptAsync();
                try (P2PSocket out = alice.connect(bob.localAddress(), WAIT);
                     P2PSocket in = incoming.get(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    assertThat(out.path().type()).isEqualTo(PathType.RELAYED);
                    assertThat(out.path().localCandidate()).isEqualTo("relay");
                    assertThat(in.path().type()).isEqualTo(PathType.RELAYED);
                    in.send("through the relay".getBytes());
                    assertThat(new String(out.receive(WAIT))).isEqualTo("through the relay");
                    byte[] data = new byte[256 * 1024];
                    new java.util.SplittableRandom(4).nextBytes(data);
                    out.getOutputStream().write(data);
                    out.shutdownOutput();
                    in.setReadTimeout(WAIT);
                    assertThat(in.getInputStream().readAllBytes()).isEqualTo(data);
                }
            }
        }
    }

    @Test
    void relayOnlyForTestsIsRefusedWithoutRelaysOrOffLoopback() {
        P2POptions loopback = P2POptions.of(aliceDir).onLoopback();
        assertThat(loopback.withRelayOnlyForTests().relays()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> loopback.withRelayOnlyForTests().withRelays(false))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> P2POptions.of(aliceDir).withRelayOnlyForTests())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
