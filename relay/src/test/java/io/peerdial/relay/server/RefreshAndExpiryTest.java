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
}
