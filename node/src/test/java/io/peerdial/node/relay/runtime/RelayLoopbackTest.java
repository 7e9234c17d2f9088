package io.peerdial.node.relay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.peerdial.node.control.PrometheusText;
import io.peerdial.node.control.StatusJson;
import io.peerdial.node.daemon.DaemonWaits;
import io.peerdial.node.daemon.NodeDaemon;
import io.peerdial.node.daemon.NodeSnapshot;
import io.peerdial.node.daemon.Role;
import io.peerdial.node.relay.RelayCredentials;
import io.peerdial.node.relay.RelayOptions;
import io.peerdial.node.relay.RelayStatus;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.kademlia.OverlayEvent.AppFailure;
import io.peerdial.overlay.runtime.AppRequestFailedException;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.relay.receipt.Receipt;
import io.peerdial.relay.receipt.ReceiptCodec;
import io.peerdial.relay.receipt.SessionId;
import io.peerdial.relay.receipt.SignedReceipt;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Relays in the overlay with three real nodes on 127.0.0.1: a {@code --role super} node relays; a
 * {@code --role client} node finds its advert in the DHT, gets TURN credentials over the overlay,
 * allocates on the super-node's TURN server with them, and sends a signed receipt the relay keeps;
 * a forged receipt is refused. Bounded waits on futures only (no sleeps).
 */
class RelayLoopbackTest {

    private static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final long WAIT_S = 20;

    @TempDir
    Path tmp;

    private static RelayOptions superOptions() {
        // any free TURN port, loopback peers allowed (tests only), an advert at every tick
        return new RelayOptions(true, null, 0, 52_400, 52_499, 10, 1_000_000, 600_000, "test", true, 1);
    }

    private NodeDaemon start(String name, Role role, RelayOptions relay, InetSocketAddress bootstrap) throws Exception {
        return NodeDaemon.start(new NodeDaemon.Settings(LOOPBACK_ANY_PORT, bootstrap == null ? List.of() : List.of(bootstrap),
                tmp.resolve(name), LOOPBACK_ANY_PORT, role), relay);
    }

    @Test
    void clientFindsTheSuperNodeGetsCredentialsAllocatesAndPaysWithAReceipt() throws Exception {
        try (NodeDaemon relayNode = start("super", Role.SUPER, superOptions(), null);
             NodeDaemon peer = start("peer", Role.AUTO, RelayOptions.off(), relayNode.runtime().localAddress());
             NodeDaemon client = start("client", Role.CLIENT, clientOptions(), relayNode.runtime().localAddress())) {
            DaemonWaits.contacts(relayNode, peer, client);

            RelayStatus serving = relayNode.relay().tickNow().get(WAIT_S, TimeUnit.SECONDS); // elected, advert stored
            assertThat(serving.role()).isEqualTo("relay");
            assertThat(serving.reason()).isEqualTo("role super");
            assertThat(client.relay().tickNow().get(WAIT_S, TimeUnit.SECONDS).role()).isEqualTo("none");

            RelayClient relays = client.relay().client();
            RelayCredentials credentials = relays.credentials().get(WAIT_S, TimeUnit.SECONDS);
            assertThat(credentials.relay()).isEqualTo(relayNode.runtime().nodeId());
            assertThat(credentials.turnServer()).isEqualTo(relayNode.relay().turnAddress());
            assertThat(credentials.overlay()).isEqualTo(relayNode.runtime().localAddress());
            assertThat(credentials.username()).endsWith(":" + client.runtime().nodeId().toHex());
            assertThat(credentials.toString()).doesNotContain(credentials.password());

            TurnAllocator.Result allocation;
            try (TurnAllocator turn = new TurnAllocator(LOOPBACK_ANY_PORT)) {
                allocation = turn.allocate(credentials);
                RelayCredentials wrongPassword = new RelayCredentials(credentials.relay(), credentials.overlay(),
                        credentials.turnServer(), true, credentials.realm(), credentials.username(), "not-the-password", credentials.expiresAt());
                assertThat(new TurnAllocator(LOOPBACK_ANY_PORT).allocate(wrongPassword).errorCode()).isEqualTo(401);
            }
            assertThat(allocation.errorCode()).isZero();
            assertThat(allocation.relayed().getPort()).isBetween(52_400, 52_499);

            RelaySession session = relays.session(credentials, allocation.relayed(), allocation.mapped());
            session.update(1_000, 2_000).get(WAIT_S, TimeUnit.SECONDS);
            RelayStatus afterReceipt = relayNode.relay().status();
            assertThat(afterReceipt.allocations()).isEqualTo(1);
            assertThat(afterReceipt.sessions()).isEqualTo(1);
            assertThat(afterReceipt.receipts()).isEqualTo(1);

            // the same session, counts signed by another key than the client's: refused, nothing kept changes
            NodeKeyPair forger = NodeKeyPair.generate(new SplittableRandom(9));
            SignedReceipt forged = ReceiptCodec.sign(new Receipt(credentials.relay(), OwnerKey.of(forger), session.id(),
                    1_000_000, 1_000_000, System.currentTimeMillis()), forger);
            Throwable refused = catchThrowable(() -> session.send(forged).get(WAIT_S, TimeUnit.SECONDS));
            assertThat(refused).isInstanceOf(ExecutionException.class).cause().isInstanceOf(AppRequestFailedException.class);
            assertThat(((AppRequestFailedException) refused.getCause()).reason()).isEqualTo(AppFailure.REFUSED);
            assertThat(refused.getCause()).hasMessageContaining("WRONG_CLIENT");
            // a receipt for a session the relay never opened is refused too
            SignedReceipt unknownSession = ReceiptCodec.sign(new Receipt(credentials.relay(), OwnerKey.of(clientIdentity(client)),
                    new SessionId(1, 2), 10, 10, System.currentTimeMillis()), clientIdentity(client));
            Throwable unknown = catchThrowable(() -> session.send(unknownSession).get(WAIT_S, TimeUnit.SECONDS));
            assertThat(unknown.getCause()).hasMessageContaining("UNKNOWN_SESSION");
            assertThat(relayNode.relay().status().receipts()).isEqualTo(1);

            NodeSnapshot snapshot = relayNode.snapshot().get(WAIT_S, TimeUnit.SECONDS);
            var json = StatusJson.of(snapshot).get("relay");
            assertThat(json.get("role").asText()).isEqualTo("relay");
            assertThat(json.get("allocations").asInt()).isEqualTo(1);
            assertThat(json.has("balance")).isTrue();
            assertThat(PrometheusText.of(snapshot)).contains("peerdial_relay_serving 1", "peerdial_relay_allocations 1",
                    "peerdial_relay_receipts 1");
        }
    }

    /** A node that never relays but looks for relays in region "test". */
    private static RelayOptions clientOptions() {
        return new RelayOptions(false, null, 0, 52_400, 52_499, 10, 1_000_000, 600_000, "test", false, 60_000);
    }

    /** Real sockets: the joins finish in the background; poll their effect, bounded. */

    /** The client node's identity key, as the daemon loaded it from its data directory. */
    private NodeKeyPair clientIdentity(NodeDaemon client) throws Exception {
        return new io.peerdial.overlay.runtime.IdentityStore(tmp.resolve("client")).loadOrCreateNode(new java.security.SecureRandom());
    }
}
