package io.peerdial.relay.server;

import static io.peerdial.relay.server.TurnHarness.at;
import static io.peerdial.relay.server.TurnHarness.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.relay.turn.ChannelNumber;
import io.peerdial.relay.turn.Lifetime;
import io.peerdial.relay.turn.RequestedTransport;
import io.peerdial.relay.turn.TurnMethods;
import io.peerdial.relay.turn.XorPeerAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Per-user allocation quota (486), capacity (508) and per-allocation bandwidth. */
class QuotaTest {

    @Test
    void allocationsPerUserAreCapped() {
        TurnHarness h = new TurnHarness(TurnConfig.defaults(TurnHarness.REALM).withQuotas(2, 100, 0, 0));
        h.allocate(h.client("203.0.113.5", 1, "alice", "secret"));
        h.allocate(h.client("203.0.113.5", 2, "alice", "secret"));
        TestClient third = h.client("203.0.113.5", 3, "alice", "secret");
        h.challenge(third);
        assertThat(errorCode(h.request(third, third.signed(TurnMethods.ALLOCATE, third.newTransaction(), new RequestedTransport(17)))))
                .isEqualTo(486);
        assertThat(h.server.stats().quotaRefusals()).isEqualTo(1);
        h.allocate(h.client("203.0.113.6", 1, "bob", "hunter2")); // another user still may
        TestClient first = h.client("203.0.113.5", 1, "alice", "secret");
        first.nonce = third.nonce;
        h.request(first, first.signed(TurnMethods.REFRESH, first.newTransaction(), new Lifetime(0)));
        assertThat(h.request(third, third.signed(TurnMethods.ALLOCATE, third.newTransaction(), new RequestedTransport(17)))
                .messageClass()).isEqualTo(io.peerdial.overlay.stun.StunClass.SUCCESS_RESPONSE);
    }

    @Test
    void exhaustedPortsGive508() {
        TurnHarness h = new TurnHarness();
        for (int i = 0; i < 10; i++) {
            h.allocate(h.client("203.0.113.5", 100 + i, i % 2 == 0 ? "alice" : "bob", i % 2 == 0 ? "secret" : "hunter2"));
        }
        TestClient late = h.client("203.0.113.9", 1, "bob", "hunter2");
        h.challenge(late);
        assertThat(errorCode(h.request(late, late.signed(TurnMethods.ALLOCATE, late.newTransaction(), new RequestedTransport(17)))))
                .isEqualTo(508);
    }

    @Test
    void bandwidthIsLimitedPerAllocation() {
        TurnHarness h = new TurnHarness(TurnConfig.defaults(TurnHarness.REALM).withQuotas(10, 100, 1000, 1000));
        TestClient c = h.client("203.0.113.5", 1, "alice", "secret");
        InetSocketAddress relayed = h.allocate(c);
        InetSocketAddress peer = at("198.51.100.7", 5000);
        h.request(c, c.signed(TurnMethods.CHANNEL_BIND, c.newTransaction(), new ChannelNumber(0x4000), new XorPeerAddress(peer)));
        byte[] big = new byte[800];
        assertThat(h.fromPeer(relayed, peer, big)).hasSize(1);
        assertThat(h.fromPeer(relayed, peer, big)).isEmpty();
        assertThat(h.server.stats().droppedBandwidth()).isEqualTo(1);
        h.clock.advance(800); // 800 bytes of tokens come back
        assertThat(h.fromPeer(relayed, peer, big)).hasSize(1);
    }
}
