package io.peerdial.node.relay.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.node.daemon.DaemonWaits;
import io.peerdial.node.daemon.NodeDaemon;
import io.peerdial.node.daemon.Role;
import io.peerdial.node.media.ice.CandidateKind;
import io.peerdial.node.media.ice.IceConfig;
import io.peerdial.node.media.ice.IceSession;
import io.peerdial.node.media.ice.SelectedPair;
import io.peerdial.node.media.ice.TurnServer;
import io.peerdial.node.relay.RelayOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole relay path on 127.0.0.1: a {@code --role super} node relays; a {@code --role client} node's
 * {@link RelayIceServers} gets TURN credentials from it over the overlay (advert in the DHT, signed
 * exchange), ice4j allocates with them on the super-node's TURN server, and a relay-only ICE session of
 * the client connects to a plain one through that relay; datagrams cross it both ways.
 */
class RelayIceLoopbackTest {

    private static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final long WAIT_S = 20;

    @TempDir
    Path tmp;

    private NodeDaemon start(String name, Role role, RelayOptions relay, InetSocketAddress bootstrap) throws Exception {
        return NodeDaemon.start(new NodeDaemon.Settings(LOOPBACK_ANY_PORT, bootstrap == null ? List.of() : List.of(bootstrap),
                tmp.resolve(name), LOOPBACK_ANY_PORT, role), relay);
    }

    @Test
    void aRelayOnlySessionConnectsThroughTheSuperNodesRelayWithOverlayCredentials() throws Exception {
        RelayOptions relaying = new RelayOptions(true, null, 0, 52_500, 52_599, 10, 1_000_000, 600_000, "test", true, 1);
        RelayOptions notRelaying = new RelayOptions(false, null, 0, 52_500, 52_599, 10, 1_000_000, 600_000, "test", false, 60_000);
        BlockingQueue<String> atA = new LinkedBlockingQueue<>();
        BlockingQueue<String> atB = new LinkedBlockingQueue<>();
        try (NodeDaemon relayNode = start("super", Role.SUPER, relaying, null);
             NodeDaemon peer = start("peer", Role.AUTO, RelayOptions.off(), relayNode.runtime().localAddress());
             NodeDaemon client = start("client", Role.CLIENT, notRelaying, relayNode.runtime().localAddress());
             RelayIceServers relays = new RelayIceServers(client.relay().client()::credentials, client.relay().client()::secondary,
                     () -> true)) {
            DaemonWaits.contacts(relayNode, peer, client);
            assertThat(relayNode.relay().tickNow().get(WAIT_S, TimeUnit.SECONDS).role()).isEqualTo("relay"); // advert stored

            relays.tickNow().get(WAIT_S, TimeUnit.SECONDS);
            List<TurnServer> turn = relays.turnServers();
            assertThat(turn).singleElement().satisfies(t -> assertThat(t.address()).isEqualTo(relayNode.relay().turnAddress()));
            relays.tickNow().get(WAIT_S, TimeUnit.SECONDS);
            assertThat(relays.fallbackTurnServers()).isEmpty(); // one relay in this overlay: no second choice

            try (IceSession a = IceSession.create(IceSession.Role.CONTROLLING,
                         IceConfig.loopbackOnly().withTurnServers(turn).withRelayOnly(true), new IceSession.Listener() {},
                         (d, o, l) -> atA.add(new String(d, o, l, StandardCharsets.US_ASCII)));
                 IceSession b = IceSession.create(IceSession.Role.CONTROLLED, IceConfig.loopbackOnly(), new IceSession.Listener() {},
                         (d, o, l) -> atB.add(new String(d, o, l, StandardCharsets.US_ASCII)))) {
                assertThat(relayNode.relay().status().allocations()).isEqualTo(1);
                b.start(a.localDescription());
                a.start(b.localDescription());
                SelectedPair pa = a.completion().get(WAIT_S, TimeUnit.SECONDS);
                SelectedPair pb = b.completion().get(WAIT_S, TimeUnit.SECONDS);
                assertThat(pa.localType()).isEqualTo(CandidateKind.RELAY);
                assertThat(pa.local().getPort()).isBetween(52_500, 52_599);
                assertThat(pb.remoteType()).isEqualTo(CandidateKind.RELAY);
                for (int i = 0; i < 10; i++) {
                    byte[] toB = ("a->b " + i).getBytes(StandardCharsets.US_ASCII);
                    byte[] toA = ("b->a " + i).getBytes(StandardCharsets.US_ASCII);
                    a.send(toB, 0, toB.length);
                    b.send(toA, 0, toA.length);
                    assertThat(atB.poll(WAIT_S, TimeUnit.SECONDS)).isEqualTo("a->b " + i);
                    assertThat(atA.poll(WAIT_S, TimeUnit.SECONDS)).isEqualTo("b->a " + i);
                }
            }
        }
    }

    /** Real sockets: the joins finish in the background; poll their effect, bounded. */
}
