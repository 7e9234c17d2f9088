package io.peerdial.relay.advert;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.peerdial.relay.wire.RelayWireException;

/** Any bytes: a RelayWireException, or an advert that re-encodes to the input. */
class AdvertCodecFuzzTest {
    @FuzzTest
    void decodeIsCanonical(byte[] input) {
        try {
            assertThat(AdvertCodec.encode(AdvertCodec.decode(input))).isEqualTo(input);
        } catch (RelayWireException e) {
            assertThat(e.reason()).isNotNull();
        }
    }
}
