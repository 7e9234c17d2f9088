package io.peerdial.relay.server;

import static io.peerdial.relay.server.TurnHarness.at;
import static io.peerdial.relay.server.TurnHarness.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.relay.turn.ChannelData;
import io.peerdial.relay.turn.ChannelNumber;
import io.peerdial.relay.turn.TurnMethods;
import io.peerdial.relay.turn.XorPeerAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The relay's own hooks for receipt enforcement: per-allocation counts, and deleting an allocation (docs/INCENTIVES.md). */
class RevokeTest {
    private final TurnHarness h = new TurnHarness();
    private final TestClient alice = h.client("203.0.113.5", 40_000, "alice", "secret");
    private final TestClient bob = h.client("203.0.113.6", 40_000, "bob", "hunter2");
    private final InetSocketAddress peer = at("198.51.100.7", 5000);

    @Test
    void eachAllocationReportsItsOwnByteCounts() {
        InetSocketAddress a = h.allocate(alice);
        InetSocketAddress b = h.allocate(bob);
        h.request(alice, alice.signed(TurnMethods.CHANNEL_BIND, alice.newTransaction(), new ChannelNumber(0x4001),
                new XorPeerAddress(peer)));
        h.fromClient(alice, new ChannelData(0x4001, new byte[100]).encode(false));
        h.fromClient(alice, new ChannelData(0x4001, new byte[50]).encode(false));
        h.fromPeer(a, peer, new byte[30]);
        assertThat(h.server.allocationUsage()).containsExactlyInAnyOrder(
                new AllocationUsage(a, "alice", 150, 30), new AllocationUsage(b, "bob", 0, 0));
    }

    @Test
    void aRevokedAllocationIsGoneWithItsPortAndItsClientGets437() {
        InetSocketAddress relayed = h.allocate(alice);
        h.request(alice, alice.signed(TurnMethods.CHANNEL_BIND, alice.newTransaction(), new ChannelNumber(0x4001),
                new XorPeerAddress(peer)));
        h.fromClient(alice, new ChannelData(0x4001, new byte[10]).encode(false));

        assertThat(h.server.revoke(h.clock.now(), relayed)).isTrue();
        h.drain();
        assertThat(h.server.allocationCount()).isZero();
        assertThat(h.ports.released).containsExactly(relayed);
        assertThat(h.events).last().isEqualTo(new TurnEvent.AllocationClosed(alice.tuple, "alice", relayed,
                TurnEvent.CloseReason.REVOKED, 10, 0));
        assertThat(h.fromPeer(relayed, peer, new byte[10])).isEmpty();
        assertThat(errorCode(h.request(alice, alice.signed(TurnMethods.REFRESH, alice.newTransaction())))).isEqualTo(437);
        assertThat(h.server.revoke(h.clock.now(), relayed)).isFalse();
        assertThat(h.server.allocationUsage()).isEmpty();
    }
}
