package io.peerdial.relay.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.peerdial.relay.wire.RelayWireException;

/** Any bytes into both decoders: a RelayWireException, or a message that re-encodes to the input. */
class CredentialCodecFuzzTest {
    @FuzzTest
    void decodeIsCanonical(byte[] input) {
        try {
            assertThat(CredentialCodec.encode(CredentialCodec.decodeRequest(input))).isEqualTo(input);
        } catch (RelayWireException e) {
            assertThat(e.reason()).isNotNull();
        }
        try {
            assertThat(CredentialCodec.encode(CredentialCodec.decodeGrant(input))).isEqualTo(input);
        } catch (RelayWireException e) {
            assertThat(e.reason()).isNotNull();
        }
    }
}
