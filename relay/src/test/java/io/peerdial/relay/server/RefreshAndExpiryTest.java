package io.peerdial.relay.server;

import static io.peerdial.relay.server.TurnHarness.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.stun.StunClass;
import io.peerdial.overlay.stun.StunMessage;
import io.peerdial.relay.turn.Lifetime;
import io.peerdial.relay.turn.TurnMethods;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Allocation lifetimes on the virtual clock: expiry, Refresh, delete (RFC 8656 §7, §7.3). */
class RefreshAndExpiryTest {
    private final TurnHarness h = new TurnHarness();
    private final TestClient alice = h.client("203.0.113.5", 40_000, "alice", "secret");

    @Test
    void allocationExpiresAfterItsLifetimeAndReleasesItsPort() {
        long start = h.clock.now();
        InetSocketAddress relayed = h.allocate(alice);
        assertThat(h.server.pollTimeout()).isEqualTo(start + 600_000);
        h.clock.set(start + 599_999);
        h.server.handleTimeout(h.clock.now());
        h.drain();
        assertThat(h.server.allocationCount()).isEqualTo(1);
        h.clock.set(start + 600_000);
        h.server.handleTimeout(h.clock.now());
        h.drain();
        assertThat(h.server.allocationCount()).isZero();
        assertThat(h.ports.released).containsExactly(relayed);
        assertThat(h.events).contains(new TurnEvent.AllocationClosed(alice.tuple, "alice", relayed,
                TurnEvent.CloseReason.EXPIRED, 0, 0));
        assertThat(h.server.pollTimeout()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void refreshExtendsTheLifetime() {
        long start = h.clock.now();
        h.allocate(alice);
        h.clock.advance(500_000);
        StunMessage r = h.request(alice, alice.signed(TurnMethods.REFRESH, alice.newTransaction()));
        assertThat(r.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(r.first(Lifetime.class).orElseThrow().seconds()).isEqualTo(600);
        h.clock.set(start + 600_000);
        h.server.handleTimeout(h.clock.now()); // the old deadline passes harmlessly
        assertThat(h.server.allocationCount()).isEqualTo(1);
        assertThat(h.server.pollTimeout()).isEqualTo(start + 1_100_000);
        h.clock.set(start + 1_100_000);
        h.server.handleTimeout(h.clock.now());
        assertThat(h.server.allocationCount()).isZero();
    }

    @Test
    void refreshWithLifetimeZeroDeletes() {
        InetSocketAddress relayed = h.allocate(alice);
        StunMessage r = h.request(alice, alice.signed(TurnMethods.REFRESH, alice.newTransaction(), new Lifetime(0)));
        assertThat(r.first(Lifetime.class).orElseThrow().seconds()).isZero();
        assertThat(h.server.allocationCount()).isZero();
        assertThat(h.ports.released).containsExactly(relayed);
        assertThat(h.events).last().isEqualTo(new TurnEvent.AllocationClosed(alice.tuple, "alice", relayed,
                TurnEvent.CloseReason.DELETED, 0, 0));
        assertThat(errorCode(h.request(alice, alice.signed(TurnMethods.REFRESH, alice.newTransaction())))).isEqualTo(437);
    }

    @Test
    void refreshWithoutAllocationIs437AndAnotherUsersRefreshIs441() {
        h.challenge(alice);
        assertThat(errorCode(h.request(alice, alice.signed(TurnMethods.REFRESH, alice.newTransaction())))).isEqualTo(437);
        h.allocate(alice);
        TestClient bob = new TestClient(alice.tuple.client(), TurnHarness.SERVER, "bob", TurnHarness.REALM, "hunter2", 9);
        bob.nonce = alice.nonce;
        assertThat(errorCode(h.request(bob, bob.signed(TurnMethods.REFRESH, bob.newTransaction())))).isEqualTo(441);
        assertThat(h.server.allocationCount()).isEqualTo(1);
    }

    @Test
    void allocateAfterExpiryMakesANewAllocation() {
        h.allocate(alice);
        h.clock.advance(600_000);
        h.server.handleTimeout(h.clock.now());
        h.allocate(alice);
        assertThat(h.server.allocationCount()).isEqualTo(1);
        assertThat(h.server.stats().allocationsCreated()).isEqualTo(2);
    }

    /** alice's password is good until {@code until}, as a short-lived overlay credential is. */
    private static Credentials expiringAt(long until) {
        Credentials fixed = Credentials.of(java.util.Map.of("alice", "secret"));
        return new Credentials() {
            @Override
            public byte[] key(String username, String realm) {
                return null;
            }

            @Override
            public byte[] key(long now, String username, String realm) {
                return now < until ? fixed.key(username, realm) : null;
            }
        };
    }

    @Test
    void anExpiredCredentialStillRefreshesItsAllocationButAllocatesNothingNew() {
        long start = new TurnHarness().clock.now();
        TurnHarness h2 = new TurnHarness(TurnConfig.defaults(TurnHarness.REALM), expiringAt(start + 60_000), AllocationGate.OPEN);
        TestClient a = h2.client("203.0.113.5", 40_000, "alice", "secret");
        h2.allocate(a);
        h2.clock.set(start + 500_000); // the credential expired at 60 s; the nonce (600 s) is still fresh
        StunMessage r = h2.request(a, a.signed(TurnMethods.REFRESH, a.newTransaction()));
        assertThat(r.messageClass()).as("RFC 8656 §5: verified with the allocation's key").isEqualTo(StunClass.SUCCESS_RESPONSE);
        StunMessage p = h2.request(a, a.signed(TurnMethods.CREATE_PERMISSION, a.newTransaction(),
                new io.peerdial.relay.turn.XorPeerAddress(TurnHarness.at("198.51.100.9", 5000))));
        assertThat(p.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);

        TestClient again = h2.client("203.0.113.5", 40_001, "alice", "secret");
        again.nonce = a.nonce;
        assertThat(errorCode(h2.request(again, again.signed(TurnMethods.ALLOCATE, again.newTransaction(),
                new io.peerdial.relay.turn.RequestedTransport(io.peerdial.relay.turn.RequestedTransport.UDP)))))
                .as("a new allocation needs a credential that has not expired").isEqualTo(401);
    }

    @Test
    void noRefreshCarriesAnAllocationPastItsMaximumAge() {
        TurnHarness h2 = new TurnHarness(TurnConfig.defaults(TurnHarness.REALM).withMaxAllocationAge(900_000));
        TestClient a = h2.client("203.0.113.5", 40_000, "alice", "secret");
        long start = h2.clock.now();
        h2.allocate(a);
        h2.clock.set(start + 500_000);
        StunMessage r = h2.request(a, a.signed(TurnMethods.REFRESH, a.newTransaction(), new Lifetime(3600)));
        assertThat(r.first(Lifetime.class).orElseThrow().seconds()).as("capped at 900 s of age").isEqualTo(400);
        h2.clock.set(start + 900_000);
        h2.server.handleTimeout(h2.clock.now());
        assertThat(h2.server.allocationCount()).isZero();
    }
}
