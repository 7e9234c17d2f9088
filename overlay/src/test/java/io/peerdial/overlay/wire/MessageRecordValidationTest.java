package io.peerdial.overlay.wire;

import static io.peerdial.overlay.wire.WireFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** API misuse is refused when a message is built or encoded, with IllegalArgumentException. */
class MessageRecordValidationTest {

    @Test
    void detailLongerThan255Utf8BytesIsRefused() {
        String fits = "é".repeat(127) + "x"; // 255 bytes
        assertThat(new StoreResult(HEADER, OBSERVED_V4, 0, fits).detail()).isEqualTo(fits);
        assertThatThrownBy(() -> new StoreResult(HEADER, OBSERVED_V4, 0, "é".repeat(128)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256 bytes");
        assertThatThrownBy(() -> new ErrorMessage(HEADER, ErrorMessage.ErrorCode.MALFORMED, "x".repeat(256)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256 bytes");
    }

    @Test
    void unpairedSurrogateIsRefused() {
        assertThatThrownBy(() -> new ErrorMessage(HEADER, ErrorMessage.ErrorCode.MALFORMED, "a\uD800b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyStoreValueIsRefused() {
        assertThatThrownBy(() -> new Store(HEADER, id(1), 0, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moreThan255ValuesAreRefused() {
        List<byte[]> values = Collections.nCopies(256, new byte[0]);
        assertThatThrownBy(() -> new Values(HEADER, OBSERVED_V4, 0, List.of(), 256, 0, values))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unencodableAddressesAreRefusedOnEncode() {
        assertThatThrownBy(() -> MessageCodec.encode(new Pong(HEADER, address("192.0.2.1", 0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port 0");
        assertThatThrownBy(() -> MessageCodec.encode(new Pong(HEADER, InetSocketAddress.createUnresolved("example.org", 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unresolved");
    }

    @Test
    void byteArrayRecordsCompareByContent() {
        assertThat(new Store(HEADER, id(1), 2, ascii("v"))).isEqualTo(new Store(HEADER, id(1), 2, ascii("v")))
                .hasSameHashCodeAs(new Store(HEADER, id(1), 2, ascii("v")))
                .isNotEqualTo(new Store(HEADER, id(1), 2, ascii("w")));
        assertThat(new AuthChallenge(HEADER, counting(0, 16))).isEqualTo(new AuthChallenge(HEADER, counting(0, 16)))
                .isNotEqualTo(new AuthChallenge(HEADER, counting(1, 16)));
        assertThat(new AuthProof(HEADER, OBSERVED_V4, counting(0, 32), counting(0, 64)))
                .isEqualTo(new AuthProof(HEADER, OBSERVED_V4, counting(0, 32), counting(0, 64)))
                .isNotEqualTo(new AuthProof(HEADER, OBSERVED_V4, counting(0, 32), counting(1, 64)));
        Values values = new Values(HEADER, OBSERVED_V4, 0, List.of(), 2, 0, List.of(ascii("a"), ascii("b")));
        assertThat(values).isEqualTo(new Values(HEADER, OBSERVED_V4, 0, List.of(), 2, 0, List.of(ascii("a"), ascii("b"))))
                .isNotEqualTo(new Values(HEADER, OBSERVED_V4, 0, List.of(), 2, 0, List.of(ascii("a"), ascii("c"))));
        assertThat(values.toString()).contains("61", "62");
    }

    @Test
    void appPayloadOverTheDatagramLimitIsRefused() {
        assertThatThrownBy(() -> new AppRequest(HEADER, 1, new byte[AppRequest.MAX_PAYLOAD + 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> new AppResponse(HEADER, 0x10000, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("service");
        assertThat(new AppRequest(HEADER, 1, ascii("x"))).isEqualTo(new AppRequest(HEADER, 1, ascii("x")));
    }
}
