package io.peerdial.relay.server;

import static io.peerdial.relay.server.TurnHarness.at;
import static io.peerdial.relay.server.TurnHarness.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.stun.StunClass;
import io.peerdial.overlay.stun.StunMessage;
import io.peerdial.relay.turn.ChannelData;
import io.peerdial.relay.turn.ChannelNumber;
import io.peerdial.relay.turn.TurnMethods;
import io.peerdial.relay.turn.XorPeerAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ChannelBind and ChannelData, with the rebind rules and timers of RFC 8656 §11, §12. */
class ChannelTest {
    private final TurnHarness h = new TurnHarness();
    private final TestClient alice = h.client("203.0.113.5", 40_000, "alice", "secret");
    private final InetSocketAddress peer = at("198.51.100.7", 5000);
    private final InetSocketAddress peer2 = at("198.51.100.8", 5000);
    private final byte[] payload = {1, 2, 3, 4, 5};

    private StunMessage bind(int number, InetSocketAddress to) {
        return h.request(alice, alice.signed(TurnMethods.CHANNEL_BIND, alice.newTransaction(),
                new ChannelNumber(number), new XorPeerAddress(to)));
    }

    private List<TurnTransmit> channelData(int number, byte[] data) {
        return h.fromClient(alice, new ChannelData(number, data).encode(false));
    }

    @Test
    void boundChannelRelaysBothWaysAndInstallsAPermission() {
        InetSocketAddress relayed = h.allocate(alice);
        assertThat(bind(0x4001, peer).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        List<TurnTransmit> out = channelData(0x4001, payload);
        assertThat(out).singleElement().satisfies(t -> {
            assertThat(t.source()).isEqualTo(relayed);
            assertThat(t.destination()).isEqualTo(peer);
            assertThat(t.payload()).isEqualTo(payload);
        });
        List<TurnTransmit> back = h.fromPeer(relayed, peer, payload);
        assertThat(back).singleElement().satisfies(t -> {
            assertThat(t.source()).isEqualTo(TurnHarness.SERVER);
            assertThat(t.destination()).isEqualTo(alice.tuple.client());
            assertThat(t.payload()).isEqualTo(new ChannelData(0x4001, payload).encode(false));
        });
        assertThat(h.server.stats().bytesRelayed()).isEqualTo(2L * payload.length);
    }

    @Test
    void peerDataFromAnotherPortOfThePeerComesAsDataIndication() {
        InetSocketAddress relayed = h.allocate(alice);
        bind(0x4001, peer);
        StunMessage m = TestClient.decode(h.fromPeer(relayed, at("198.51.100.7", 5001), payload).get(0).payload());
        assertThat(m.method()).isEqualTo(TurnMethods.DATA);
    }

    @Test
    void unboundChannelDataIsDropped() {
        h.allocate(alice);
        assertThat(channelData(0x4002, payload)).isEmpty();
        assertThat(h.server.stats().droppedNoPermission()).isEqualTo(1);
    }

    @Test
    void invalidNumbersAndMissingPeerAreBadRequests() {
        h.allocate(alice);
        assertThat(errorCode(bind(0x3FFF, peer))).isEqualTo(400);
        assertThat(errorCode(bind(0x8000, peer))).isEqualTo(400);
        assertThat(errorCode(h.request(alice, alice.signed(TurnMethods.CHANNEL_BIND, alice.newTransaction(),
                new ChannelNumber(0x4000))))).isEqualTo(400);
        assertThat(errorCode(bind(0x4000, at("127.0.0.1", 9)))).isEqualTo(403);
    }

    @Test
    void aChannelCannotBeMovedToAnotherPeerNorAPeerToAnotherChannel() {
        h.allocate(alice);
        bind(0x4001, peer);
        assertThat(errorCode(bind(0x4001, peer2))).isEqualTo(400);
        assertThat(errorCode(bind(0x4002, peer))).isEqualTo(400);
        assertThat(bind(0x4001, peer).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE); // a refresh
    }

    @Test
    void channelExpiresAfterTenMinutesAndStaysReservedFiveMore() {
        InetSocketAddress relayed = h.allocate(alice);
        h.request(alice, alice.signed(TurnMethods.REFRESH, alice.newTransaction(), new io.peerdial.relay.turn.Lifetime(3600)));
        bind(0x4001, peer);
        h.clock.advance(599_999);
        bind(0x4003, peer2); // keeps the permission for peer2 fresh; peer's permission lapsed at 300 s
        h.request(alice, alice.signed(TurnMethods.CREATE_PERMISSION, alice.newTransaction(), new XorPeerAddress(peer)));
        assertThat(channelData(0x4001, payload)).hasSize(1);
        h.clock.advance(1); // 600 s: the channel has expired
        assertThat(channelData(0x4001, payload)).isEmpty();
        h.challenge(alice); // the nonce (600 s) has gone stale too
        assertThat(TestClient.decode(h.fromPeer(relayed, peer, payload).get(0).payload()).method()).isEqualTo(TurnMethods.DATA);
        assertThat(errorCode(bind(0x4001, peer2))).isEqualTo(400); // quarantined (§12)
        assertThat(errorCode(bind(0x4002, peer))).isEqualTo(400);
        assertThat(bind(0x4001, peer).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE); // same pair may come back
        assertThat(channelData(0x4001, payload)).hasSize(1);
    }

    @Test
    void afterTheQuarantineTheNumberMayBeReused() {
        h.allocate(alice);
        h.request(alice, alice.signed(TurnMethods.REFRESH, alice.newTransaction(), new io.peerdial.relay.turn.Lifetime(3600)));
        bind(0x4001, peer);
        h.clock.advance(600_000 + 300_000);
        h.challenge(alice);
        assertThat(bind(0x4001, peer2).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(channelData(0x4001, payload)).singleElement()
                .satisfies(t -> assertThat(t.destination()).isEqualTo(peer2));
    }

    @Test
    void peerDatagramWithoutRoomForTheHeaderIsCopied() {
        InetSocketAddress relayed = h.allocate(alice);
        bind(0x4001, peer);
        h.server.handlePeerDatagram(h.clock.now(), relayed, peer, payload, 0, payload.length);
        assertThat(h.drain()).singleElement()
                .satisfies(t -> assertThat(t.payload()).isEqualTo(new ChannelData(0x4001, payload).encode(false)));
        assertThat(payload).containsExactly(1, 2, 3, 4, 5);
    }
}
