package io.peerdial.p2p.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.peerdial.p2p.base.WireFormatException;

/** Peer input: only WireFormatException may leave the decoder; what decodes encodes back to the same bytes. */
class RouteCodecFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void decodeRoundTrips(byte[] input) {
        RouteDatagram d;
        try {
            d = RouteCodec.decode(input);
        } catch (WireFormatException expected) {
            return;
        }
        assertThat(RouteCodec.encode(d)).isEqualTo(input);
    }
}
