package io.peerdial.relay.server;

import static io.peerdial.relay.server.TurnHarness.at;
import static io.peerdial.relay.server.TurnHarness.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.stun.StunAttribute;
import io.peerdial.overlay.stun.StunClass;
import io.peerdial.overlay.stun.StunEncoder;
import io.peerdial.overlay.stun.StunMessage;
import io.peerdial.relay.turn.Data;
import io.peerdial.relay.turn.TurnMethods;
import io.peerdial.relay.turn.XorPeerAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CreatePermission, Send and Data indications, the peer address policy (RFC 8656 §9, §10, §21). */
class PermissionTest {
    private final TurnHarness h = new TurnHarness();
    private final TestClient alice = h.client("203.0.113.5", 40_000, "alice", "secret");
    private final InetSocketAddress peer = at("198.51.100.7", 5000);
    private final byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);

    private StunMessage permit(InetSocketAddress... peers) {
        StunAttribute[] attributes = new StunAttribute[peers.length];
        for (int i = 0; i < peers.length; i++) {
            attributes[i] = new XorPeerAddress(peers[i]);
        }
        return h.request(alice, alice.signed(TurnMethods.CREATE_PERMISSION, alice.newTransaction(), attributes));
    }

    private byte[] send(InetSocketAddress to, byte[] data) {
        return StunEncoder.standard().encode(StunMessage.of(StunClass.INDICATION, TurnMethods.SEND, alice.newTransaction(),
                new XorPeerAddress(to), new Data(data)));
    }

    @Test
    void peerDatagramWithoutPermissionIsDroppedAndCounted() {
        InetSocketAddress relayed = h.allocate(alice);
        assertThat(h.fromPeer(relayed, peer, hello)).isEmpty();
        assertThat(h.server.stats().droppedNoPermission()).isEqualTo(1);
    }

    @Test
    void withPermissionPeerDataArrivesAsDataIndication() {
        InetSocketAddress relayed = h.allocate(alice);
        assertThat(permit(peer).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        InetSocketAddress otherPort = at("198.51.100.7", 6000); // permissions ignore the port (§9)
        List<TurnTransmit> out = h.fromPeer(relayed, otherPort, hello);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).destination()).isEqualTo(alice.tuple.client());
        StunMessage data = TestClient.decode(out.get(0).payload());
        assertThat(data.type().is(StunClass.INDICATION, TurnMethods.DATA)).isTrue();
        assertThat(data.first(XorPeerAddress.class).orElseThrow().address()).isEqualTo(otherPort);
        assertThat(data.first(Data.class).orElseThrow().bytes()).isEqualTo(hello);
        assertThat(h.server.stats().bytesToClients()).isEqualTo(hello.length);
    }

    @Test
    void sendIndicationGoesOutFromTheRelayedAddressOnlyWithPermission() {
        InetSocketAddress relayed = h.allocate(alice);
        assertThat(h.fromClient(alice, send(peer, hello))).isEmpty();
        assertThat(h.server.stats().droppedNoPermission()).isEqualTo(1);
        permit(peer);
        List<TurnTransmit> out = h.fromClient(alice, send(peer, hello));
        assertThat(out).singleElement().satisfies(t -> {
            assertThat(t.source()).isEqualTo(relayed);
            assertThat(t.destination()).isEqualTo(peer);
            assertThat(t.payload()).isEqualTo(hello);
        });
    }

    @Test
    void permissionsExpireAfterFiveMinutesUnlessRefreshed() {
        InetSocketAddress relayed = h.allocate(alice);
        permit(peer);
        h.clock.advance(299_999);
        assertThat(h.fromPeer(relayed, peer, hello)).hasSize(1);
        permit(peer); // refreshed at 299.999 s: good for 300 s more
        h.clock.advance(299_999);
        assertThat(h.fromPeer(relayed, peer, hello)).hasSize(1);
        h.clock.advance(1);
        assertThat(h.fromPeer(relayed, peer, hello)).isEmpty();
    }

    @Test
    void loopbackAndPrivatePeersAreForbidden() {
        h.allocate(alice);
        assertThat(errorCode(permit(at("127.0.0.1", 5000)))).isEqualTo(403);
        assertThat(errorCode(permit(at("10.1.2.3", 5000)))).isEqualTo(403);
        assertThat(errorCode(permit(at("192.168.1.1", 5000)))).isEqualTo(403);
        assertThat(errorCode(permit(peer, at("0.0.0.0", 5000)))).isEqualTo(403); // all or nothing
        assertThat(h.server.stats().forbiddenPeers()).isEqualTo(4);
        assertThat(h.fromClient(alice, send(peer, hello))).isEmpty(); // the first peer got no permission either
    }

    @Test
    void loopbackPeersAreAllowedWhenConfigured() {
        TurnHarness open = new TurnHarness(TurnConfig.defaults(TurnHarness.REALM).withPeerPolicy(new PeerAddressPolicy(true, false)));
        TestClient c = open.client("203.0.113.5", 40_000, "alice", "secret");
        open.allocate(c);
        StunMessage r = open.request(c, c.signed(TurnMethods.CREATE_PERMISSION, c.newTransaction(), new XorPeerAddress(at("127.0.0.1", 5000))));
        assertThat(r.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        r = open.request(c, c.signed(TurnMethods.CREATE_PERMISSION, c.newTransaction(), new XorPeerAddress(at("10.0.0.1", 5000))));
        assertThat(errorCode(r)).isEqualTo(403);
    }

    @Test
    void permissionNeedsAPeerAddressOfTheRelayedFamily() {
        h.allocate(alice);
        assertThat(errorCode(h.request(alice, alice.signed(TurnMethods.CREATE_PERMISSION, alice.newTransaction())))).isEqualTo(400);
        assertThat(errorCode(permit(at("2001:db8::1", 5000)))).isEqualTo(443);
    }

    @Test
    void permissionWithoutAllocationIs437() {
        h.challenge(alice);
        assertThat(errorCode(permit(peer))).isEqualTo(437);
    }
}
