package io.peerdial.node.media.ice;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.node.media.ice.IceSession.Role;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.kademlia.OverlayConfig;
import io.peerdial.overlay.kademlia.OverlayNode;
import io.peerdial.overlay.runtime.OverlayRuntime;
import io.peerdial.overlay.storage.InMemoryStoragePolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-reflexive gathering against a real peerdial overlay node's STUN responder on loopback. On
 * loopback the reflexive address equals the host address, so ice4j keeps no srflx candidate: we
 * check that the STUN transaction took place (the node answered, the harvester ran).
 */
class IceStunHarvestTest {

    private static final Logger log = LoggerFactory.getLogger(IceStunHarvestTest.class);

    @Test
    void gathersAgainstAnOverlayNodesStunResponder() throws Exception {
        SplittableRandom random = new SplittableRandom(8445);
        NodeKeyPair identity = NodeKeyPair.generate(random.split());
        SplittableRandom nodeRandom = random.split();
        try (OverlayRuntime node = OverlayRuntime.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                local -> new OverlayNode(OverlayConfig.defaults(), identity, new InMemoryStoragePolicy(), nodeRandom), e -> { })) {
            long answeredBefore = answered(node);
            IceConfig config = IceConfig.loopbackOnly().withStunServers(List.of(node.localAddress()));
            try (IceSession s = IceSession.create(Role.CONTROLLING, config, new IceSession.Listener() { }, (d, o, l) -> { })) {
                List<HarvestReport> harvests = s.harvests();
                log.info("harvests: {}", harvests);
                assertThat(answered(node)).isGreaterThan(answeredBefore);
                assertThat(harvests).anySatisfy(h -> {
                    assertThat(h.harvester()).startsWith("STUN harvester");
                    assertThat(h.harvests()).isEqualTo(1);
                });
                // srflx == host on loopback: whatever ice4j kept, nothing but 127.0.0.1 is offered
                assertThat(s.localDescription().candidates()).allSatisfy(c -> assertThat(c.address()).isEqualTo("127.0.0.1"));
            }
        }
    }

    private static long answered(OverlayRuntime node) throws Exception {
        return node.status().get(5, TimeUnit.SECONDS).counters().getOrDefault("stun.answered", 0L);
    }
}
