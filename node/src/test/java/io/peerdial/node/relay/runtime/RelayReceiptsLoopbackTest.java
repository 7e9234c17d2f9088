package io.peerdial.node.relay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.peerdial.node.daemon.DaemonWaits;
import io.peerdial.node.daemon.NodeDaemon;
import io.peerdial.node.daemon.Role;
import io.peerdial.node.media.ice.CandidateKind;
import io.peerdial.node.media.ice.IceConfig;
import io.peerdial.node.media.ice.IceSession;
import io.peerdial.node.media.ice.RelayUsage;
import io.peerdial.node.media.ice.TurnServer;
import io.peerdial.node.relay.IssuedCredentials;
import io.peerdial.node.relay.RelayCredentials;
import io.peerdial.node.relay.RelayOptions;
import io.peerdial.node.relay.RelayReceiptTracker;
import io.peerdial.relay.receipt.ReceiptEnforcer;
import io.peerdial.testkit.runtime.Polling;
import java.time.Duration;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Receipts from relayed traffic and their enforcement, with real nodes on 127.0.0.1: a super-node relays
 * with a short enforcement grace; a client allocates with overlay credentials and sends data to a peer
 * socket through the relay. With a {@link RelayReceiptTracker} feeding receipts (the usage source is
 * scripted here: what {@code IceSession.relayUsage()} reports once the TURN tap counts), the allocation
 * stays; without receipts it is closed and the client is refused, over the overlay and at Allocate.
 * Bounded waits, no sleeps beyond polling an effect.
 */
class RelayReceiptsLoopbackTest {

    private static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final long WAIT_S = 20;
    /** Receipts must cover what was counted 1 ms earlier (10 % tolerance): decided within two ticks. */
    private static final ReceiptEnforcer.Policy STRICT = new ReceiptEnforcer.Policy(1, 0, 10, 0, 60_000);
    /** As STRICT, with room for ICE's consent checks through the relay after the last receipt (RFC 7675: every ~5 s). */
    private static final ReceiptEnforcer.Policy STRICT_BUT_ICE = new ReceiptEnforcer.Policy(1, 0, 10, 4_096, 60_000);

    @TempDir
    Path tmp;

    private NodeDaemon start(String name, Role role, RelayOptions relay, InetSocketAddress bootstrap) throws Exception {
        return NodeDaemon.start(new NodeDaemon.Settings(LOOPBACK_ANY_PORT, bootstrap == null ? List.of() : List.of(bootstrap),
                tmp.resolve(name), LOOPBACK_ANY_PORT, role), relay);
    }

    private static RelayOptions relaying(int minPort) {
        return new RelayOptions(true, null, 0, minPort, minPort + 99, 10, 1_000_000, 600_000, "test", true, 1);
    }

    private static RelayOptions notRelaying() {
        return new RelayOptions(false, null, 0, 52_700, 52_799, 10, 1_000_000, 600_000, "test", false, 60_000);
    }

    @Test
    void aSigningClientKeepsItsAllocationANonSigningOneIsClosedAndRefused() throws Exception {
        try (NodeDaemon relayNode = start("super", Role.SUPER, relaying(52_600), null);
             NodeDaemon peer = start("peer", Role.AUTO, RelayOptions.off(), relayNode.runtime().localAddress());
             NodeDaemon client = start("client", Role.CLIENT, notRelaying(), relayNode.runtime().localAddress());
             DatagramSocket peerSocket = new DatagramSocket(LOOPBACK_ANY_PORT);
             TurnAllocator honestLeg = new TurnAllocator(LOOPBACK_ANY_PORT);
             TurnAllocator cheatLeg = new TurnAllocator(LOOPBACK_ANY_PORT)) {
            DaemonWaits.contacts(relayNode, peer, client);
            RelayService relay = relayNode.relay();
            relay.enforcement(STRICT);
            assertThat(relay.tickNow().get(WAIT_S, TimeUnit.SECONDS).role()).isEqualTo("relay");
            peerSocket.setSoTimeout(5_000);
            InetSocketAddress peerAddress = (InetSocketAddress) peerSocket.getLocalSocketAddress();
            RelayClient relays = client.relay().client();

            // a signing client: 3000 bytes through the relay, receipts from the tracker
            RelayCredentials credentials = relays.credentials().get(WAIT_S, TimeUnit.SECONDS);
            TurnAllocator.Result honest = honestLeg.allocate(credentials);
            assertThat(honest.errorCode()).isZero();
            relayBytes(honestLeg, credentials, peerSocket, peerAddress, 3);
            TurnServer server = IssuedCredentials.turnServer(credentials);
            RelayReceiptTracker tracker = new RelayReceiptTracker("call-honest",
                    () -> List.of(new RelayUsage(server, honest.relayed(), honest.mapped(), 3_000, 0)),
                    s -> s.equals(server) ? Optional.of(credentials) : Optional.empty(), relays.receipts(), 1_000);
            tracker.tick(0);
            waitUntil(() -> relay.status().receipts() == 1, "the relay keeps the tracker's receipt");
            waitUntil(() -> relay.status().bytesRelayed() >= 3_000, "the relay's counts refreshed");
            enforcementRounds(relay);
            assertThat(relay.status().allocations()).isEqualTo(1);

            // a client that does not sign: its allocation is closed, it is refused
            TurnAllocator.Result cheat = cheatLeg.allocate(credentials);
            assertThat(cheat.errorCode()).isZero();
            relayBytes(cheatLeg, credentials, peerSocket, peerAddress, 3);
            waitUntil(() -> relay.status().bytesRelayed() >= 6_000, "the relay's counts refreshed");
            enforcementRounds(relay);
            waitUntil(() -> relay.status().allocations() == 1, "the unpaid allocation closed, the paid one kept");

            Throwable refused = catchThrowable(() -> relays.credentials().get(WAIT_S, TimeUnit.SECONDS));
            assertThat(refused).hasStackTraceContaining("UNRECEIPTED");
            try (TurnAllocator again = new TurnAllocator(LOOPBACK_ANY_PORT)) {
                assertThat(again.allocate(credentials).errorCode()).isEqualTo(486);
            }
            tracker.close(2_000); // the final receipt of the honest session is still taken
        }
    }

    /**
     * The same through a real relayed ICE session, counted by the TURN tap ({@code IceSession.relayUsage()}).
     */
    @Test
    void receiptsFromTheRealTurnTapOfARelayedIceSession() throws Exception {
        try (NodeDaemon relayNode = start("super", Role.SUPER, relaying(52_800), null);
             NodeDaemon peer = start("peer", Role.AUTO, RelayOptions.off(), relayNode.runtime().localAddress());
             NodeDaemon client = start("client", Role.CLIENT, notRelaying(), relayNode.runtime().localAddress());
             RelayIceServers servers = new RelayIceServers(client.relay().client()::credentials, client.relay().client()::secondary,
                     () -> true)) {
            DaemonWaits.contacts(relayNode, peer, client);
            RelayService relay = relayNode.relay();
            relay.enforcement(STRICT_BUT_ICE);
            assertThat(relay.tickNow().get(WAIT_S, TimeUnit.SECONDS).role()).isEqualTo("relay");
            servers.tickNow().get(WAIT_S, TimeUnit.SECONDS);
            List<TurnServer> turn = servers.turnServers();
            assertThat(turn).hasSize(1);
            try (IceSession a = IceSession.create(IceSession.Role.CONTROLLING,
                         IceConfig.loopbackOnly().withTurnServers(turn).withRelayOnly(true), new IceSession.Listener() {},
                         (d, o, l) -> { });
                 IceSession b = IceSession.create(IceSession.Role.CONTROLLED, IceConfig.loopbackOnly(), new IceSession.Listener() {},
                         (d, o, l) -> { })) {
                b.start(a.localDescription());
                a.start(b.localDescription());
                assertThat(a.completion().get(WAIT_S, TimeUnit.SECONDS).localType()).isEqualTo(CandidateKind.RELAY);
                b.completion().get(WAIT_S, TimeUnit.SECONDS);
                byte[] payload = new byte[1_000];
                for (int i = 0; i < 5; i++) a.send(payload, 0, payload.length);

                RelayReceiptTracker tracker = new RelayReceiptTracker("call-ice", a::relayUsage, servers::credentialsFor,
                        client.relay().client().receipts(), 1_000);
                waitUntil(() -> a.relayUsage().get(0).bytesToPeers() >= 5_000, "the tap counted what was sent");
                tracker.tick(0);
                assertThat(tracker.openSessions()).isEqualTo(1);
                waitUntil(() -> relay.status().receipts() == 1, "the relay keeps the receipt of the tapped allocation");
                waitUntil(() -> relay.status().bytesRelayed() >= 5_000, "the relay's counts refreshed");
                enforcementRounds(relay);
                assertThat(relay.status().allocations()).isEqualTo(1); // paid for: not closed
                tracker.close(1_000);
            }
        }
    }

    private static void relayBytes(TurnAllocator leg, RelayCredentials c, DatagramSocket peer, InetSocketAddress peerAddress,
                                   int datagrams) throws Exception {
        assertThat(leg.permit(c, peerAddress)).isZero();
        for (int i = 0; i < datagrams; i++) {
            leg.send(c, peerAddress, new byte[1_000]);
            DatagramPacket p = new DatagramPacket(new byte[2_000], 2_000);
            peer.receive(p); // relayed: the relay counted it
            assertThat(p.getLength()).isEqualTo(1_000);
        }
    }

    /** Two enforcement checks at least a millisecond apart: the second judges the counts of the first. */
    private static void enforcementRounds(RelayService relay) throws Exception {
        relay.tickNow().get(WAIT_S, TimeUnit.SECONDS);
        Thread.sleep(2); // the second check must judge counts at least a millisecond old
        relay.tickNow().get(WAIT_S, TimeUnit.SECONDS);
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws Exception {
        Polling.await(Duration.ofSeconds(WAIT_S), what, condition);
    }
}
