package io.peerdial.relay.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.peerdial.overlay.stun.StunException;
import io.peerdial.relay.turn.ChannelData;
import io.peerdial.relay.turn.ChannelDataException;
import io.peerdial.relay.turn.ChannelNumber;
import io.peerdial.relay.turn.TurnAttributes;
import io.peerdial.relay.turn.TurnMethods;
import io.peerdial.relay.turn.XorPeerAddress;
import java.net.InetSocketAddress;

/**
 * Fuzz target for the core: arbitrary bytes from a client with an allocation and a bound channel,
 * and from a permitted peer, never make it throw, and whatever it sends is valid STUN or ChannelData.
 */
class TurnServerFuzzTest {
    private static final InetSocketAddress PEER = TurnHarness.at("198.51.100.7", 5000);

    @FuzzTest
    void clientAndPeerBytes(byte[] input) {
        TurnHarness h = new TurnHarness();
        TestClient c = h.client("203.0.113.5", 40_000, "alice", "secret");
        InetSocketAddress relayed = h.allocate(c);
        h.request(c, c.signed(TurnMethods.CHANNEL_BIND, c.newTransaction(), new ChannelNumber(0x4000), new XorPeerAddress(PEER)));
        for (TurnTransmit t : h.fromClient(c, input)) {
            checkSent(t);
        }
        for (TurnTransmit t : h.fromPeer(relayed, PEER, input)) {
            checkSent(t);
        }
    }

    private static void checkSent(TurnTransmit t) {
        byte[] b = t.payload();
        if (t.source().equals(TurnHarness.SERVER) && ChannelData.looksLikeChannelData(b, 0, b.length)) {
            try {
                ChannelData.validate(b, 0, b.length, 65_535);
            } catch (ChannelDataException e) {
                throw new AssertionError("core sent bad ChannelData: " + e.getMessage(), e);
            }
        } else if (t.source().equals(TurnHarness.SERVER)) {
            try {
                TurnAttributes.decoder().decode(b);
            } catch (StunException e) {
                throw new AssertionError("core sent bad STUN: " + e.getMessage(), e);
            }
        } else {
            assertThat(t.destination()).isEqualTo(PEER);
        }
    }
}
