package io.peerdial.node.media.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.stun.StunClass;
import io.peerdial.overlay.stun.StunEncoder;
import io.peerdial.overlay.stun.StunMessage;
import io.peerdial.overlay.stun.TransactionId;
import io.peerdial.relay.turn.Lifetime;
import io.peerdial.relay.turn.TurnMethods;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** RFC 8489 §6.2.2: over TCP each request goes once, whatever ice4j's UDP retransmissions. */
class RetransmissionFilterTest {

    private final RetransmissionFilter filter = new RetransmissionFilter();
    private final SplittableRandom random = new SplittableRandom(6);

    private byte[] request() {
        return StunEncoder.standard().encode(StunMessage.of(StunClass.REQUEST, TurnMethods.REFRESH, TransactionId.random(random),
                new Lifetime(600)));
    }

    @Test
    void aRepeatedRequestIsARetransmissionAndANewOneIsNot() {
        byte[] first = request();
        byte[] second = request();
        assertThat(filter.isRetransmission(first, 0, first.length)).isFalse();
        assertThat(filter.isRetransmission(first, 0, first.length)).isTrue();
        assertThat(filter.isRetransmission(second, 0, second.length)).isFalse();
        assertThat(filter.isRetransmission(first, 0, first.length)).isTrue();
    }

    @Test
    void indicationsChannelDataAndShortInputAreNeverFiltered() {
        byte[] send = TurnMessages.sendIndication(10);
        byte[] channel = TurnMessages.channelData(30);
        for (int i = 0; i < 2; i++) {
            assertThat(filter.isRetransmission(send, 0, send.length)).isFalse();
            assertThat(filter.isRetransmission(channel, 0, channel.length)).isFalse();
            assertThat(filter.isRetransmission(new byte[3], 0, 3)).isFalse();
        }
    }

    @Test
    void onlyTheLastSixteenRequestsAreRemembered() {
        byte[] old = request();
        filter.isRetransmission(old, 0, old.length);
        for (int i = 0; i < RetransmissionFilter.REMEMBERED; i++) {
            byte[] r = request();
            filter.isRetransmission(r, 0, r.length);
        }
        assertThat(filter.isRetransmission(old, 0, old.length)).isFalse(); // forgotten: bounded memory
    }
}
