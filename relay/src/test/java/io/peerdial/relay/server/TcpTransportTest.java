package io.peerdial.relay.server;

import static io.peerdial.relay.server.TurnHarness.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.relay.turn.ChannelData;
import io.peerdial.relay.turn.ChannelNumber;
import io.peerdial.relay.turn.TurnMethods;
import io.peerdial.relay.turn.XorPeerAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clients over TCP (RFC 8656 §3.1): frames padded to 4, the allocation bound to the connection. */
class TcpTransportTest {
    private final TurnHarness h = new TurnHarness();
    private final TestClient alice = h.client("203.0.113.5", 40_000, "alice", "secret");
    private final InetSocketAddress peer = at("198.51.100.7", 5000);

    private TestClient tcpClient() {
        TestClient c = new TestClient(at("203.0.113.5", 40_000), TurnHarness.SERVER, "alice", TurnHarness.REALM, "secret", 1);
        return c.overTcp();
    }

    @Test
    void responsesAndChannelDataGoBackOverTcpPadded() {
        TestClient c = tcpClient();
        InetSocketAddress relayed = h.allocate(c);
        h.request(c, c.signed(TurnMethods.CHANNEL_BIND, c.newTransaction(), new ChannelNumber(0x4000), new XorPeerAddress(peer)));
        List<TurnTransmit> out = h.fromPeer(relayed, peer, new byte[] {1, 2, 3, 4, 5});
        assertThat(out).singleElement().satisfies(t -> {
            assertThat(t.transport()).isEqualTo(ClientTransport.TCP);
            assertThat(t.payload()).isEqualTo(new ChannelData(0x4000, new byte[] {1, 2, 3, 4, 5}).encode(true));
            assertThat(t.length() % 4).isZero();
        });
        // a padded frame from the client relays only the payload
        List<TurnTransmit> toPeer = h.fromClient(c, new ChannelData(0x4000, new byte[] {9, 8, 7}).encode(true));
        assertThat(toPeer).singleElement().satisfies(t -> {
            assertThat(t.transport()).isEqualTo(ClientTransport.UDP);
            assertThat(t.payload()).containsExactly(9, 8, 7);
        });
    }

    @Test
    void closingTheConnectionDeletesTheAllocation() {
        TestClient c = tcpClient();
        InetSocketAddress relayed = h.allocate(c);
        h.server.handleClientClosed(h.clock.now(), c.tuple);
        h.drain();
        assertThat(h.server.allocationCount()).isZero();
        assertThat(h.ports.released).containsExactly(relayed);
        assertThat(h.events).last().isEqualTo(new TurnEvent.AllocationClosed(c.tuple, "alice", relayed,
                TurnEvent.CloseReason.CONNECTION_CLOSED, 0, 0));
    }

    @Test
    void udpAndTcpFromTheSameAddressAreDifferentAllocations() {
        h.allocate(tcpClient());
        h.allocate(alice);
        assertThat(h.server.allocationCount()).isEqualTo(2);
    }
}
