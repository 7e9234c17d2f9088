package io.peerdial.node.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.read.VerifiedBinding;
import io.peerdial.location.runtime.RuntimeOverlayAccess;
import io.peerdial.location.service.Location;
import io.peerdial.location.trust.PinSet;
import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.node.daemon.NodeDaemon;
import io.peerdial.node.daemon.Role;
import io.peerdial.testkit.runtime.Polling;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A phone that registers while its node has not joined the overlay yet (its bootstrap node was not
 * up) is published soon after the join, not only at the publisher's next refresh: its first
 * publication found no node to store on, and so did the one when the join completed (the bootstrap
 * node was not yet proven and in the table); the registrar retries failed publications.
 */
class RepublishOnJoinTest {

    @TempDir
    Path tmp;

    @Test
    void aPhoneRegisteredBeforeTheJoinIsFoundOnceTheNodeJoins() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        InetSocketAddress any = new InetSocketAddress(loopback, 0);
        InetSocketAddress seedAddress = new InetSocketAddress(loopback, freeUdpPort());
        Aor bob = Aor.parse("sip:bob-early@example.org");
        try (NodeDaemon node = NodeDaemon.start(new NodeDaemon.Settings(any, List.of(seedAddress), tmp.resolve("node"), any,
                Role.SUPER, TrustAnchors.none(), any));
             TestPhone phone = new TestPhone(bob.toString(), node.sip().phoneAddress())) {
            assertThat(phone.register(3600)).isEqualTo(200); // accepted; published to nobody: the node knows no one
            assertThat(node.runtime().status().join().contacts()).isZero();

            try (NodeDaemon seed = NodeDaemon.start(new NodeDaemon.Settings(seedAddress, List.of(), tmp.resolve("seed"), any,
                    Role.SUPER))) {
                // the node's watcher finds its table empty and joins through the seed, now up (every 5 s)
                Polling.await(Duration.ofSeconds(30), "the node joins through the seed",
                        () -> node.runtime().status().join().contacts() > 0);
                Location fromSeed = new Location(new RuntimeOverlayAccess(seed.runtime()), TrustAnchors.none(), new PinSet(), null);
                AtomicReference<List<VerifiedBinding>> found = new AtomicReference<>(List.of());
                Polling.await(Duration.ofSeconds(20), "bob's binding is found from the seed", () -> {
                    found.set(fromSeed.lookup(bob).orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> List.of()).join());
                    return !found.get().isEmpty();
                });
                assertThat(found.get()).singleElement().satisfies(b -> assertThat(b.binding().aor()).isEqualTo(bob));
            }
        }
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
