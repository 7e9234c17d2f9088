package io.peerdial.relay.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.peerdial.relay.wire.RelayWireException;

/** Any bytes: a RelayWireException with a reason, or a receipt whose encoding is exactly the input (canonical). */
class ReceiptCodecFuzzTest {
    @FuzzTest
    void decodeIsCanonical(byte[] input) {
        try {
            SignedReceipt r = ReceiptCodec.decode(input);
            assertThat(ReceiptCodec.encode(r)).isEqualTo(input);
            assertThat(ReceiptCodec.verify(r)).isTrue();
        } catch (RelayWireException e) {
            assertThat(e.reason()).isNotNull();
        }
    }
}
