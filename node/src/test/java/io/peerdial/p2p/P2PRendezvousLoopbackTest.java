package io.peerdial.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.runtime.RuntimeOverlayAccess;
import io.peerdial.location.service.Location;
import io.peerdial.location.read.VerifiedBinding;
import io.peerdial.location.trust.PinSet;
import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.node.daemon.NodeDaemon;
import io.peerdial.node.daemon.Role;
import io.peerdial.testkit.runtime.Polling;
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
 * The design constraint of issue #8: an endpoint on a DHT client (as behind a NAT) is reachable only through its
 * rendezvous super-node. Its binding lists only the super-node, and a connect still reaches it: the offer
 * travels over the client's flow (docs/SIP.md "Rendezvous"), and ICE then runs end to end.
 */
class P2PRendezvousLoopbackTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path seedDir;
    @TempDir
    Path aliceDir;
    @TempDir
    Path bobDir;

    @Test
    void anEndpointOnAClientNodeIsReachedThroughItsRendezvous() throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (NodeDaemon seed = NodeDaemon.start(new NodeDaemon.Settings(any, List.of(), seedDir, any, Role.SUPER, TrustAnchors.none(), any))) {
            List<InetSocketAddress> boot = List.of(seed.runtime().localAddress());
            try (P2PServerSocket alice = P2PServerSocket.bind(P2POptions.of(aliceDir).onLoopback().withBootstrap(boot)
                    .withName("alice").withRole(Role.SUPER));
                 P2PServerSocket bob = P2PServerSocket.bind(P2POptions.of(bobDir).onLoopback().withBootstrap(boot)
                    .withName("bob").withRole(Role.CLIENT))) {
                Polling.await(Duration.ofSeconds(30), "bob's node has a rendezvous", () -> !bob.node().sip().rendezvousNodes().isEmpty());
                Location seen = new Location(new RuntimeOverlayAccess(seed.runtime()), TrustAnchors.none(), new PinSet(), null);
                Aor bobAor = Aor.parse(bob.localAddress().aor());
                Polling.await(Duration.ofSeconds(30), "bob's binding names only rendezvous super-nodes", () -> {
                    try {
                        List<VerifiedBinding> found = seen.lookup(bobAor).get(10, TimeUnit.SECONDS);
                        return !found.isEmpty() && found.stream().allMatch(v -> !v.binding().contacts().isEmpty()
                                && v.binding().contacts().stream().allMatch(c -> c.isRendezvous()));
                    } catch (Exception e) {
                        return false;
                    }
                });

                CompletableFuture<P2PSocket> incoming = bob.acceptAsync();
                try (P2PSocket out = alice.connect(bob.localAddress(), WAIT);
                     P2PSocket in = incoming.get(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    assertThat(in.remoteAddress()).isEqualTo(alice.localAddress());
                    assertThat(out.path().type()).isEqualTo(PathType.DIRECT);
                    out.getOutputStream().write("through the rendezvous".getBytes());
                    out.shutdownOutput();
                    in.setReadTimeout(WAIT);
                    assertThat(new String(in.getInputStream().readAllBytes())).isEqualTo("through the rendezvous");
                }
            }
        }
    }
}
