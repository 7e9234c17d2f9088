package io.peerdial.relay.server;

import static io.peerdial.relay.server.TurnHarness.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.stun.MessageIntegrity;
import io.peerdial.overlay.stun.MessageIntegritySha256;
import io.peerdial.overlay.stun.Nonce;
import io.peerdial.overlay.stun.Realm;
import io.peerdial.overlay.stun.StunClass;
import io.peerdial.overlay.stun.StunFingerprint;
import io.peerdial.overlay.stun.StunIntegrity;
import io.peerdial.overlay.stun.StunMessage;
import io.peerdial.overlay.stun.StunMethods;
import io.peerdial.overlay.stun.TransactionId;
import io.peerdial.overlay.stun.UnknownAttributes;
import io.peerdial.overlay.stun.XorMappedAddress;
import io.peerdial.relay.turn.DontFragment;
import io.peerdial.relay.turn.Lifetime;
import io.peerdial.relay.turn.RequestedAddressFamily;
import io.peerdial.relay.turn.RequestedTransport;
import io.peerdial.relay.turn.ReservationToken;
import io.peerdial.relay.turn.TurnAttributeTypes;
import io.peerdial.relay.turn.TurnMethods;
import io.peerdial.relay.turn.XorRelayedAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Allocate and the long-term credential mechanism (RFC 8656 §7.2, RFC 8489 §9.2). */
class AllocateTest {
    private final TurnHarness h = new TurnHarness();
    private final TestClient alice = h.client("203.0.113.5", 40_000, "alice", "secret");

    @Test
    void allocateWithoutCredentialsIsChallengedWithRealmAndNonce() {
        StunMessage r = h.request(alice, alice.plain(TurnMethods.ALLOCATE, alice.newTransaction(), new RequestedTransport(17)));
        assertThat(errorCode(r)).isEqualTo(401);
        assertThat(r.first(Realm.class).orElseThrow().value()).isEqualTo(TurnHarness.REALM);
        assertThat(r.first(Nonce.class)).isPresent();
        assertThat(r.first(MessageIntegrity.class)).isEmpty();
        assertThat(h.server.allocationCount()).isZero();
        assertThat(h.server.stats().unauthenticated()).isEqualTo(1);
    }

    @Test
    void allocateWithCredentialsSucceedsWithIntegrityAndFingerprint() {
        h.challenge(alice);
        byte[] response = h.fromClient(alice, alice.signed(TurnMethods.ALLOCATE, alice.newTransaction(), new RequestedTransport(17)))
                .get(0).payload();
        StunMessage r = TestClient.decode(response);
        assertThat(r.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(r.method()).isEqualTo(TurnMethods.ALLOCATE);
        assertThat(r.first(XorRelayedAddress.class).orElseThrow().address()).isEqualTo(h.ports.reserved.get(0));
        assertThat(r.first(Lifetime.class).orElseThrow().seconds()).isEqualTo(600);
        assertThat(r.first(XorMappedAddress.class).orElseThrow().address()).isEqualTo(alice.tuple.client());
        assertThat(StunIntegrity.checkSha1(response, alice.key())).isTrue();
        assertThat(StunIntegrity.checkSha1(response, new byte[] {1, 2, 3})).isFalse();
        assertThat(StunFingerprint.check(response)).isTrue();
        assertThat(h.events).containsExactly(new TurnEvent.AllocationCreated(alice.tuple, "alice", h.ports.reserved.get(0)));
    }

    @Test
    void sha256IntegrityIsAnsweredWithSha256() {
        h.challenge(alice);
        alice.sha256 = true;
        byte[] response = h.fromClient(alice, alice.signed(TurnMethods.ALLOCATE, alice.newTransaction(), new RequestedTransport(17)))
                .get(0).payload();
        StunMessage r = TestClient.decode(response);
        assertThat(r.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(r.first(MessageIntegritySha256.class)).isPresent();
        assertThat(r.first(MessageIntegrity.class)).isEmpty();
        assertThat(StunIntegrity.checkSha256(response, alice.key())).isTrue();
    }

    @Test
    void wrongPasswordUnknownUserAndWrongRealmGet401() {
        h.challenge(alice);
        alice.password = "wrong";
        assertThat(errorCode(h.request(alice, alice.signed(TurnMethods.ALLOCATE, alice.newTransaction(), new RequestedTransport(17)))))
                .isEqualTo(401);
        TestClient mallory = h.client("203.0.113.6", 40_000, "mallory", "secret");
        mallory.nonce = alice.nonce;
        assertThat(errorCode(h.request(mallory, mallory.signed(TurnMethods.ALLOCATE, mallory.newTransaction(), new RequestedTransport(17)))))
                .isEqualTo(401);
        alice.password = "secret";
        alice.realm = "other.realm"; // the HMAC is right for that realm, but it is not ours
        assertThat(errorCode(h.request(alice, alice.signed(TurnMethods.ALLOCATE, alice.newTransaction(), new RequestedTransport(17)))))
                .isEqualTo(401);
        assertThat(h.server.allocationCount()).isZero();
        assertThat(h.ports.reserved).isEmpty();
    }

    @Test
    void staleAndForeignNoncesGet438WithAFreshNonce() {
        h.challenge(alice);
        h.clock.advance(600_000); // the nonce lifetime
        StunMessage r = h.request(alice, alice.signed(TurnMethods.ALLOCATE, alice.newTransaction(), new RequestedTransport(17)));
        assertThat(errorCode(r)).isEqualTo(438);
        String fresh = r.first(Nonce.class).orElseThrow().value();
        assertThat(fresh).isNotEqualTo(alice.nonce);
        alice.nonce = "0000000000000000" + "00".repeat(12); // right shape, not ours
        assertThat(errorCode(h.request(alice, alice.signed(TurnMethods.ALLOCATE, alice.newTransaction(), new RequestedTransport(17)))))
                .isEqualTo(438);
        alice.nonce = fresh;
        assertThat(h.request(alice, alice.signed(TurnMethods.ALLOCATE, alice.newTransaction(), new RequestedTransport(17))).messageClass())
                .isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(h.server.stats().staleNonces()).isEqualTo(2);
    }

    @Test
    void integrityWithoutUsernameIsABadRequest() {
        h.challenge(alice);
        byte[] b = io.peerdial.overlay.stun.StunEncoder.standard().encode(StunMessage.of(StunClass.REQUEST, TurnMethods.ALLOCATE,
                alice.newTransaction(), new RequestedTransport(17), new Realm(TurnHarness.REALM), new Nonce(alice.nonce)));
        assertThat(errorCode(h.request(alice, StunIntegrity.appendSha1(b, alice.key())))).isEqualTo(400);
    }

    @Test
    void retransmittedAllocateGetsTheSameAnswerAndANewOneIsAMismatch() {
        h.challenge(alice);
        TransactionId id = alice.newTransaction();
        byte[] first = h.fromClient(alice, alice.signed(TurnMethods.ALLOCATE, id, new RequestedTransport(17))).get(0).payload();
        byte[] again = h.fromClient(alice, alice.signed(TurnMethods.ALLOCATE, id, new RequestedTransport(17))).get(0).payload();
        assertThat(again).isEqualTo(first);
        assertThat(errorCode(h.request(alice, alice.signed(TurnMethods.ALLOCATE, alice.newTransaction(), new RequestedTransport(17)))))
                .isEqualTo(437);
        assertThat(h.server.allocationCount()).isEqualTo(1);
    }

    @Test
    void transportFamilyAndAttributeRules() {
        h.challenge(alice);
        assertThat(errorCode(h.request(alice, alice.signed(TurnMethods.ALLOCATE, alice.newTransaction())))).isEqualTo(400);
        assertThat(errorCode(h.request(alice, alice.signed(TurnMethods.ALLOCATE, alice.newTransaction(), new RequestedTransport(6)))))
                .isEqualTo(442);
        assertThat(errorCode(h.request(alice, alice.signed(TurnMethods.ALLOCATE, alice.newTransaction(), new RequestedTransport(17),
                new RequestedAddressFamily(3))))).isEqualTo(440);
        assertThat(errorCode(h.request(alice, alice.signed(TurnMethods.ALLOCATE, alice.newTransaction(), new RequestedTransport(17),
                new RequestedAddressFamily(2))))).isEqualTo(440); // the fake has no IPv6 ports
        assertThat(errorCode(h.request(alice, alice.signed(TurnMethods.ALLOCATE, alice.newTransaction(), new RequestedTransport(17),
                new ReservationToken(new byte[8]))))).isEqualTo(508);
        StunMessage df = h.request(alice, alice.signed(TurnMethods.ALLOCATE, alice.newTransaction(), new RequestedTransport(17),
                new DontFragment()));
        assertThat(errorCode(df)).isEqualTo(420);
        assertThat(df.first(UnknownAttributes.class).orElseThrow().types()).containsExactly(TurnAttributeTypes.DONT_FRAGMENT);
        assertThat(h.server.allocationCount()).isZero();
    }

    @Test
    void unknownComprehensionRequiredAttributeGets420() {
        StunMessage r = h.request(alice, alice.plain(TurnMethods.ALLOCATE, alice.newTransaction(), new RequestedTransport(17),
                new io.peerdial.overlay.stun.UnknownAttribute(0x7F01, new byte[4])));
        assertThat(errorCode(r)).isEqualTo(420);
        assertThat(r.first(UnknownAttributes.class).orElseThrow().types()).containsExactly(0x7F01);
    }

    @Test
    void lifetimeIsClampedBetweenDefaultAndMaximum() {
        h.challenge(alice);
        StunMessage shortOne = h.request(alice, alice.signed(TurnMethods.ALLOCATE, alice.newTransaction(), new RequestedTransport(17),
                new Lifetime(10)));
        assertThat(shortOne.first(Lifetime.class).orElseThrow().seconds()).isEqualTo(600);
        TestClient other = h.client("203.0.113.5", 40_001, "alice", "secret");
        other.nonce = alice.nonce;
        StunMessage longOne = h.request(other, other.signed(TurnMethods.ALLOCATE, other.newTransaction(), new RequestedTransport(17),
                new Lifetime(99_999)));
        assertThat(longOne.first(Lifetime.class).orElseThrow().seconds()).isEqualTo(3600);
    }

    @Test
    void bindingRequestsAreAnsweredLikeAStunServer() {
        StunMessage r = h.request(alice, alice.plain(StunMethods.BINDING, alice.newTransaction()));
        assertThat(r.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(r.first(XorMappedAddress.class).orElseThrow().address()).isEqualTo(alice.tuple.client());
    }

    @Test
    void garbageAndBadFingerprintsAreDroppedAndCounted() {
        assertThat(h.fromClient(alice, new byte[] {1, 2, 3})).isEmpty();
        byte[] bad = alice.plain(StunMethods.BINDING, alice.newTransaction());
        bad[bad.length - 1] ^= 1;
        assertThat(h.fromClient(alice, bad)).isEmpty();
        assertThat(h.fromClient(alice, new byte[] {0x40, 0, 0, 8, 1})).isEmpty(); // ChannelData, length past the end
        assertThat(h.server.stats().malformed()).isEqualTo(3);
        assertThat(List.copyOf(h.events)).isEmpty();
    }

    @Test
    void realTurnutilsUclientRequestsAreChallengedAndForeignNoncesAreStale() {
        TestClient uclient = h.client("127.0.0.1", 40_000, "test", "secret");
        byte[] first = io.peerdial.relay.turn.CoturnVectors.get("allocate-request-unauthenticated");
        StunMessage r = h.request(uclient, first);
        assertThat(errorCode(r)).isEqualTo(401);
        assertThat(r.transactionId()).isEqualTo(TestClient.decode(first).transactionId());
        // signed correctly for test/secret, but with coturn's nonce: ours never issued it
        StunMessage second = h.request(uclient, io.peerdial.relay.turn.CoturnVectors.get("allocate-request"));
        assertThat(errorCode(second)).isEqualTo(438);
    }

    @Test
    void evenPortWithReserveBitHoldsTheNextPortForAToken() {
        h.challenge(alice);
        StunMessage r = h.request(alice, alice.signed(TurnMethods.ALLOCATE, alice.newTransaction(), new RequestedTransport(17),
                new io.peerdial.relay.turn.EvenPort(true)));
        java.net.InetSocketAddress rtp = r.first(XorRelayedAddress.class).orElseThrow().address();
        ReservationToken token = r.first(ReservationToken.class).orElseThrow();
        assertThat(rtp.getPort() % 2).isZero();
        java.net.InetSocketAddress rtcp = new java.net.InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1);
        assertThat(h.ports.reserved).containsExactly(rtp, rtcp);

        TestClient second = h.client("203.0.113.5", 40_001, "alice", "secret");
        second.nonce = alice.nonce;
        StunMessage r2 = h.request(second, second.signed(TurnMethods.ALLOCATE, second.newTransaction(), new RequestedTransport(17), token));
        assertThat(r2.first(XorRelayedAddress.class).orElseThrow().address()).isEqualTo(rtcp);
        TestClient third = h.client("203.0.113.5", 40_002, "alice", "secret");
        third.nonce = alice.nonce;
        assertThat(errorCode(h.request(third, third.signed(TurnMethods.ALLOCATE, third.newTransaction(), new RequestedTransport(17), token))))
                .isEqualTo(508); // used up
    }

    @Test
    void anUnusedReservationIsReleasedAfterThirtySeconds() {
        h.challenge(alice);
        StunMessage r = h.request(alice, alice.signed(TurnMethods.ALLOCATE, alice.newTransaction(), new RequestedTransport(17),
                new io.peerdial.relay.turn.EvenPort(true)));
        java.net.InetSocketAddress rtp = r.first(XorRelayedAddress.class).orElseThrow().address();
        assertThat(h.server.pollTimeout()).isEqualTo(h.clock.now() + TurnServer.RESERVATION_MS);
        h.clock.advance(TurnServer.RESERVATION_MS);
        h.server.handleTimeout(h.clock.now());
        assertThat(h.ports.reserved).containsExactly(rtp);
        assertThat(h.ports.released).containsExactly(new java.net.InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1));
    }
}
