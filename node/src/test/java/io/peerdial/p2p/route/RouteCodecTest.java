package io.peerdial.p2p.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.p2p.base.WireFormatException;
import io.peerdial.p2p.base.WireFormatException.Reason;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The route datagram's bytes, both ways, and every refusal. */
class RouteCodecTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final NodeId KEY = NodeId.fromHex("00112233445566778899aabbccddeeff01234567");
    private static final String VECTOR = "01" + "00112233445566778899aabbccddeeff01234567" + "6869";

    @Test
    void encodesTheVector() {
        assertThat(HEX.formatHex(RouteCodec.encode(new RouteDatagram(KEY, new byte[] {'h', 'i'})))).isEqualTo(VECTOR);
    }

    @Test
    void decodesTheVector() throws Exception {
        assertThat(RouteCodec.decode(HEX.parseHex(VECTOR))).isEqualTo(new RouteDatagram(KEY, new byte[] {'h', 'i'}));
    }

    @Test
    void anEmptyPayloadIsFine() throws Exception {
        byte[] header = HEX.parseHex(VECTOR.substring(0, 42));
        assertThat(RouteCodec.decode(header).payload()).isEmpty();
    }

    @Test
    void refusesShortLongAndUnknownVersions() {
        assertThat(catchThrowableOfType(() -> RouteCodec.decode(new byte[20]), WireFormatException.class).reason()).isEqualTo(Reason.TOO_SHORT);
        assertThat(catchThrowableOfType(() -> RouteCodec.decode(new byte[RouteCodec.MAX_BYTES + 1]), WireFormatException.class).reason())
                .isEqualTo(Reason.TOO_LONG);
        byte[] v2 = HEX.parseHex(VECTOR);
        v2[0] = 2;
        assertThat(catchThrowableOfType(() -> RouteCodec.decode(v2), WireFormatException.class).reason()).isEqualTo(Reason.BAD_VERSION);
    }
}
