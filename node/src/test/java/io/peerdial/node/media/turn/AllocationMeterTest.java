package io.peerdial.node.media.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.node.media.turn.TapParseException.Reason;
import io.peerdial.overlay.stun.ErrorCode;
import io.peerdial.overlay.stun.StunClass;
import io.peerdial.overlay.stun.StunEncoder;
import io.peerdial.overlay.stun.StunMessage;
import io.peerdial.overlay.stun.TransactionId;
import io.peerdial.overlay.stun.XorMappedAddress;
import io.peerdial.relay.turn.Lifetime;
import io.peerdial.relay.turn.TurnMethods;
import io.peerdial.relay.turn.XorRelayedAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the tap counts on one flow (RFC 8656 §11, §12.4, §7.3, §8), and that malformed datagrams count only as such. */
class AllocationMeterTest {

    private final AllocationMeter meter = new AllocationMeter();

    @Test
    void sendIndicationsAndChannelDataToTheServerCountAsBytesToPeers() {
        byte[] send = TurnMessages.sendIndication(161);
        byte[] channel = TurnMessages.channelData(37);
        meter.fromClient(send, 0, send.length);
        meter.fromClient(channel, 0, channel.length);
        byte[] padded = Arrays.copyOf(TurnMessages.channelData(5), 12); // padding after the payload (RFC 8656 §12.5)
        meter.fromClient(padded, 0, padded.length);
        assertThat(meter.bytesToPeers()).isEqualTo(161 + 37 + 5);
        assertThat(meter.bytesToClient()).isZero();
        assertThat(meter.datagramsToServer()).isEqualTo(3);
        assertThat(meter.malformed()).isZero();
    }

    @Test
    void dataIndicationsAndChannelDataFromTheServerCountAsBytesToTheClient() {
        byte[] data = TurnMessages.dataIndication(3);
        meter.fromServer(data, 0, data.length);
        meter.fromServer(TurnMessages.COTURN_CHANNEL_DATA, 0, TurnMessages.COTURN_CHANNEL_DATA.length);
        assertThat(meter.bytesToClient()).isEqualTo(3 + 20);
        assertThat(meter.bytesToPeers()).isZero();
    }

    @Test
    void aDataIndicationFromTheClientOrASendIndicationFromTheServerCountsNothing() {
        byte[] data = TurnMessages.dataIndication(100);
        byte[] send = TurnMessages.sendIndication(100);
        meter.fromClient(data, 0, data.length); // the wrong direction: not application data we relay
        meter.fromServer(send, 0, send.length);
        assertThat(meter.bytesToPeers()).isZero();
        assertThat(meter.bytesToClient()).isZero();
        assertThat(meter.malformed()).isZero();
    }

    @Test
    void theCapturedCoturnAllocateSuccessGivesTheRelayedAndMappedAddresses() {
        byte[] m = TurnMessages.COTURN_ALLOCATE_SUCCESS;
        meter.fromServer(m, 0, m.length);
        assertThat(meter.relayed()).isEqualTo(TurnMessages.COTURN_RELAYED);
        assertThat(meter.mapped()).isEqualTo(TurnMessages.COTURN_MAPPED);
        assertThat(meter.bytesToClient()).isZero();
    }

    @Test
    void anAllocateSuccessBuiltWithTheRelayCodecGivesItsAddresses() {
        InetSocketAddress relayed = new InetSocketAddress("192.0.2.7", 50_001);
        InetSocketAddress mapped = new InetSocketAddress("198.51.100.9", 40_002);
        byte[] m = StunEncoder.standard().encode(StunMessage.of(StunClass.SUCCESS_RESPONSE, TurnMethods.ALLOCATE,
                TransactionId.random(new java.util.SplittableRandom(1)), new XorRelayedAddress(relayed), new Lifetime(600),
                new XorMappedAddress(mapped)));
        meter.fromServer(m, 0, m.length);
        assertThat(meter.relayed()).isEqualTo(relayed);
        assertThat(meter.mapped()).isEqualTo(mapped);
    }

    @Test
    void otherStunMessagesPassUncounted() {
        byte[] refresh = StunEncoder.standard().encode(StunMessage.of(StunClass.SUCCESS_RESPONSE, TurnMethods.REFRESH,
                TransactionId.random(new java.util.SplittableRandom(2)), new Lifetime(0)));
        meter.fromServer(refresh, 0, refresh.length);
        assertThat(meter.bytesToClient()).isZero();
        assertThat(meter.malformed()).isZero();
        assertThat(meter.relayed()).isNull();
    }

    @Test
    void malformedDatagramsAreCountedByReasonAndNothingElse() {
        byte[] send = TurnMessages.sendIndication(64);
        feedClient(Arrays.copyOf(send, send.length - 4));                  // header length past the datagram
        byte[] badCookie = send.clone();
        badCookie[4] = 0;
        feedClient(badCookie);
        byte[] overrun = send.clone();
        overrun[send.length - 64 - 4 + 2] = (byte) 0xFF;                   // DATA's length runs past the message
        feedClient(overrun);
        feedClient(Arrays.copyOf(TurnMessages.channelData(40), 30));       // ChannelData cut short
        feedClient(new byte[] {(byte) 0xC3, 1, 2, 3});                     // neither STUN nor ChannelData
        feedClient(new byte[0]);
        feedClient(new byte[] {0, 1});                                     // a STUN header cut short
        byte[] noData = StunEncoder.standard().encode(StunMessage.of(StunClass.INDICATION, TurnMethods.SEND,
                TransactionId.random(new java.util.SplittableRandom(3)), new io.peerdial.relay.turn.XorPeerAddress(TurnMessages.PEER)));
        feedClient(noData);
        byte[] allocateWithoutRelayed = StunEncoder.standard().encode(StunMessage.of(StunClass.SUCCESS_RESPONSE, TurnMethods.ALLOCATE,
                TransactionId.random(new java.util.SplittableRandom(4)), new XorMappedAddress(TurnMessages.PEER)));
        meter.fromServer(allocateWithoutRelayed, 0, allocateWithoutRelayed.length);
        byte[] truncatedAllocate = Arrays.copyOf(TurnMessages.COTURN_ALLOCATE_SUCCESS, 40);
        meter.fromServer(truncatedAllocate, 0, truncatedAllocate.length);

        assertThat(meter.bytesToPeers()).isZero();
        assertThat(meter.bytesToClient()).isZero();
        assertThat(meter.relayed()).isNull();
        assertThat(meter.malformed()).isEqualTo(10);
        assertThat(meter.malformedByReason()).isEqualTo(Map.of(Reason.BAD_STUN, 4L, Reason.TRUNCATED, 3L, Reason.NOT_TURN, 1L,
                Reason.MISSING_DATA, 1L, Reason.BAD_ALLOCATE_RESPONSE, 1L));
    }

    @Test
    void countsAccumulate() {
        byte[] channel = TurnMessages.channelData(160);
        for (int i = 0; i < 1000; i++) meter.fromClient(channel, 0, channel.length);
        assertThat(meter.bytesToPeers()).isEqualTo(160_000);
    }

    /**
     * RFC 8656 §8.2: a confirmed Refresh(0) deletes the allocation. What the client sent after the
     * request met no allocation (the server never relayed it) and is taken back; nothing counts after.
     */
    @Test
    void aConfirmedRefreshWithLifetimeZeroEndsTheCountWhereTheServerEndedIt() {
        byte[] before = TurnMessages.channelData(100);
        byte[] after = TurnMessages.sendIndication(28);
        byte[] fromPeer = TurnMessages.channelData(60);
        TransactionId id = TransactionId.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        feedClient(before);
        feedClient(refresh(StunClass.REQUEST, id, new Lifetime(0)));
        feedClient(after);                                     // the server receives it after deleting
        meter.fromServer(fromPeer, 0, fromPeer.length);         // relayed before the deletion: counts
        assertThat(meter.bytesToPeers()).isEqualTo(100 + 28);   // not answered yet: the allocation may live on
        assertThat(meter.deleted()).isFalse();

        byte[] success = refresh(StunClass.SUCCESS_RESPONSE, id, new Lifetime(0));
        meter.fromServer(success, 0, success.length);
        feedClient(before);
        meter.fromServer(fromPeer, 0, fromPeer.length);

        assertThat(meter.deleted()).isTrue();
        assertThat(meter.bytesToPeers()).isEqualTo(100);
        assertThat(meter.bytesToClient()).isEqualTo(60);
        assertThat(meter.datagramsToServer()).isEqualTo(4);
        assertThat(meter.malformed()).isZero();
    }

    @Test
    void aRefusedRefreshWithLifetimeZeroLeavesTheAllocationCounting() {
        TransactionId stale = TransactionId.of(new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9});
        feedClient(refresh(StunClass.REQUEST, stale, new Lifetime(0)));
        feedClient(TurnMessages.channelData(40));
        byte[] error = StunEncoder.standard().encode(StunMessage.of(StunClass.ERROR_RESPONSE, TurnMethods.REFRESH, stale,
                new ErrorCode(ErrorCode.STALE_NONCE, "Stale Nonce")));
        meter.fromServer(error, 0, error.length);
        feedClient(TurnMessages.channelData(2));
        assertThat(meter.deleted()).isFalse();
        assertThat(meter.bytesToPeers()).isEqualTo(42);
    }

    /** coturn's captured Refresh (LIFETIME 777 s) and its success response: a refresh, not a deletion. */
    @Test
    void theCapturedCoturnRefreshWithALifetimeDeletesNothing() {
        byte[] request = TurnMessages.COTURN_REFRESH_REQUEST;
        byte[] success = TurnMessages.COTURN_REFRESH_SUCCESS;
        feedClient(request);
        meter.fromServer(success, 0, success.length);
        feedClient(TurnMessages.channelData(7));
        assertThat(meter.deleted()).isFalse();
        assertThat(meter.bytesToPeers()).isEqualTo(7);
        assertThat(meter.malformed()).isZero();
    }

    /** A success response to another transaction than the pending Refresh(0) ends nothing. */
    @Test
    void onlyTheAnswerToTheRefreshWithLifetimeZeroEndsTheCount() {
        TransactionId deletion = TransactionId.of(new byte[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
        TransactionId other = TransactionId.of(new byte[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2});
        feedClient(refresh(StunClass.REQUEST, deletion, new Lifetime(0)));
        byte[] otherSuccess = refresh(StunClass.SUCCESS_RESPONSE, other, new Lifetime(600));
        meter.fromServer(otherSuccess, 0, otherSuccess.length);
        feedClient(TurnMessages.channelData(5));
        assertThat(meter.deleted()).isFalse();
        assertThat(meter.bytesToPeers()).isEqualTo(5);
    }

    private static byte[] refresh(StunClass c, TransactionId id, Lifetime lifetime) {
        return StunEncoder.standard().encode(StunMessage.of(c, TurnMethods.REFRESH, id, lifetime));
    }

    private void feedClient(byte[] b) {
        meter.fromClient(b, 0, b.length);
    }
}
