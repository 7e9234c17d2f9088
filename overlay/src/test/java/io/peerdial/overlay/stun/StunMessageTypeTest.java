package io.peerdial.overlay.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** RFC 8489 §5 message type bit layout, both ways. */
class StunMessageTypeTest {

    @Test
    void bindingTypesMatchTheRfc() {
        // RFC 8489 §5: 0x0001 request, 0x0011 indication, 0x0101 success, 0x0111 error.
        assertWire(StunClass.REQUEST, StunMethods.BINDING, 0x0001);
        assertWire(StunClass.INDICATION, StunMethods.BINDING, 0x0011);
        assertWire(StunClass.SUCCESS_RESPONSE, StunMethods.BINDING, 0x0101);
        assertWire(StunClass.ERROR_RESPONSE, StunMethods.BINDING, 0x0111);
    }

    @Test
    void turnMethodsInterleaveBits() {
        // RFC 8656 §17: Allocate 0x003 (request 0x0003), Send indication 0x0016, Data indication 0x0017,
        // ChannelBind 0x009 (success 0x0109).
        assertWire(StunClass.REQUEST, 0x003, 0x0003);
        assertWire(StunClass.INDICATION, 0x006, 0x0016);
        assertWire(StunClass.INDICATION, 0x007, 0x0017);
        assertWire(StunClass.SUCCESS_RESPONSE, 0x009, 0x0109);
    }

    @Test
    void everyTypeRoundTrips() {
        for (int wire = 0; wire <= 0x3FFF; wire++) {
            assertThat(StunMessageType.fromWire(wire).toWire()).isEqualTo(wire);
        }
        assertWire(StunClass.ERROR_RESPONSE, 0xFFF, 0x3FFF);
    }

    @Test
    void methodIsTwelveBits() {
        assertThatThrownBy(() -> StunMessageType.of(StunClass.REQUEST, 0x1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StunMessageType.of(StunClass.REQUEST, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertWire(StunClass c, int method, int wire) {
        assertThat(StunMessageType.of(c, method).toWire()).isEqualTo(wire);
        assertThat(StunMessageType.fromWire(wire)).isEqualTo(StunMessageType.of(c, method));
    }
}
