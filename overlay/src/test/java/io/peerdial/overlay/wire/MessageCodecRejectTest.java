package io.peerdial.overlay.wire;

import static io.peerdial.overlay.wire.WireFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.peerdial.overlay.wire.WireException.Reason;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One crafted datagram (at least) per {@link Reason}: each starts from a valid encoding and breaks
 * exactly one rule, so the test fails if the codec accepts it or names the wrong reason.
 */
class MessageCodecRejectTest {

    /** Header of a valid PONG; append a body. */
    private static final String PONG_HEADER = "d7010200" + "0123456789abcdef" + "000102030405060708090a0b0c0d0e0f10111213";

    private static Reason reasonFor(byte[] datagram) {
        WireException e = catchThrowableOfType(WireException.class, () -> MessageCodec.decode(datagram));
        assertThat(e).as("decode must refuse this datagram").isNotNull();
        return e.reason();
    }

    private static byte[] with(byte[] base, int index, int value) {
        byte[] copy = base.clone();
        copy[index] = (byte) value;
        return copy;
    }

    private static final byte[] PING = MessageCodec.encode(new Ping(HEADER));

    @Test
    void truncated() {
        assertThat(reasonFor(Arrays.copyOf(PING, 31))).isEqualTo(Reason.TRUNCATED);
        assertThat(reasonFor(new byte[0])).isEqualTo(Reason.TRUNCATED);
        // a body field running past the end: PONG without its last port byte
        assertThat(reasonFor(hex(PONG_HEADER + "04c000020113"))).isEqualTo(Reason.TRUNCATED);
        // a length that promises more than is there: STORE value length 9, 8 bytes present
        byte[] store = MessageCodec.encode(new Store(HEADER, id(0xDD), WRITE_TOKEN, ascii("sip:alice")));
        assertThat(reasonFor(Arrays.copyOf(store, store.length - 1))).isEqualTo(Reason.TRUNCATED);
        // a contact count promising two contacts, one present
        byte[] nodes = MessageCodec.encode(new Nodes(HEADER, OBSERVED_V4, 1, List.of(new Contact(id(1), OBSERVED_V4))));
        assertThat(reasonFor(with(nodes, 32 + 7 + 8, 2))).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void oversizedAt1201Bytes() {
        byte[] tooLong = Arrays.copyOf(PING, MessageCodec.MAX_DATAGRAM + 1);
        assertThat(reasonFor(tooLong)).isEqualTo(Reason.OVERSIZED);
    }

    @Test
    void exactly1200BytesIsAccepted() throws WireException {
        byte[] value = new byte[MessageCodecRoundTripTest.MAX_STORE_VALUE];
        byte[] wire = MessageCodec.encode(new Store(HEADER, id(0xDD), 0, value));
        assertThat(wire).hasSize(1200);
        assertThat(MessageCodec.decode(wire)).isInstanceOf(Store.class);
    }

    @Test
    void encodingMoreThan1200BytesIsApiMisuse() {
        Store store = new Store(HEADER, id(0xDD), 0, new byte[MessageCodecRoundTripTest.MAX_STORE_VALUE + 1]);
        assertThat(MessageCodec.encodedSize(store)).isEqualTo(1201);
        assertThatThrownBy(() -> MessageCodec.encode(store))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1201 bytes")
                .hasMessageContaining("1200");
    }

    @Test
    void badMagic() {
        assertThat(reasonFor(with(PING, 0, 0x00))).isEqualTo(Reason.BAD_MAGIC); // a STUN message's first byte
        assertThat(reasonFor(with(PING, 0, 0xD6))).isEqualTo(Reason.BAD_MAGIC);
    }

    @Test
    void unsupportedVersion() {
        assertThat(reasonFor(with(PING, 1, 0))).isEqualTo(Reason.UNSUPPORTED_VERSION);
        assertThat(reasonFor(with(PING, 1, 2))).isEqualTo(Reason.UNSUPPORTED_VERSION);
    }

    @Test
    void unknownType() {
        assertThat(reasonFor(with(PING, 2, 0x00))).isEqualTo(Reason.UNKNOWN_TYPE);
        assertThat(reasonFor(with(PING, 2, 0x0D))).isEqualTo(Reason.UNKNOWN_TYPE);
        assertThat(reasonFor(with(PING, 2, 0xFF))).isEqualTo(Reason.UNKNOWN_TYPE);
    }

    @Test
    void reservedFlags() {
        assertThat(reasonFor(with(PING, 3, 0x02))).isEqualTo(Reason.RESERVED_FLAGS);
        assertThat(reasonFor(with(PING, 3, 0x81))).isEqualTo(Reason.RESERVED_FLAGS);
    }

    @Test
    void badAddress() {
        assertThat(reasonFor(hex(PONG_HEADER + "05c000020113c4"))).as("family 5").isEqualTo(Reason.BAD_ADDRESS);
        assertThat(reasonFor(hex(PONG_HEADER + "00c000020113c4"))).as("family 0").isEqualTo(Reason.BAD_ADDRESS);
        assertThat(reasonFor(hex(PONG_HEADER + "04c00002010000"))).as("port 0").isEqualTo(Reason.BAD_ADDRESS);
    }

    @Test
    void badFieldTooManyContacts() {
        byte[] nodes = MessageCodec.encode(new Nodes(HEADER, OBSERVED_V4, 1, List.of()));
        assertThat(reasonFor(with(nodes, nodes.length - 1, 21))).isEqualTo(Reason.BAD_FIELD);
    }

    @Test
    void badFieldMalformedUtf8() {
        byte[] error = MessageCodec.encode(new ErrorMessage(HEADER, ErrorMessage.ErrorCode.MALFORMED, "ab"));
        // "ab" -> 0xC3 0x28: a lead byte followed by a non-continuation byte
        byte[] broken = with(with(error, error.length - 2, 0xC3), error.length - 1, 0x28);
        assertThat(reasonFor(broken)).isEqualTo(Reason.BAD_FIELD);
        // an encoded surrogate (CESU-8 style) is not UTF-8 either
        byte[] surrogate = Arrays.copyOf(error, error.length + 1);
        surrogate[error.length - 3] = 3;
        surrogate[error.length - 2] = (byte) 0xED;
        surrogate[error.length - 1] = (byte) 0xA0;
        surrogate[error.length] = (byte) 0x80;
        assertThat(reasonFor(surrogate)).isEqualTo(Reason.BAD_FIELD);
    }

    @Test
    void badFieldValuesBeyondTotal() {
        // start 3 + count 2 > total 4
        byte[] values = hex("d7010600" + "0123456789abcdef" + "000102030405060708090a0b0c0d0e0f10111213"
                + "04c000020113c4" + "1122334455667788" + "00" + "0004" + "0003" + "02" + "000161" + "000162");
        assertThat(reasonFor(values)).isEqualTo(Reason.BAD_FIELD);
    }

    @Test
    void badFieldEmptyStoreValue() {
        byte[] store = hex("d7010700" + "0123456789abcdef" + "000102030405060708090a0b0c0d0e0f10111213"
                + "dddddddddddddddddddddddddddddddddddddddd" + "1122334455667788" + "0000");
        assertThat(reasonFor(store)).isEqualTo(Reason.BAD_FIELD);
    }

    @Test
    void badFieldUnknownErrorCode() {
        byte[] error = MessageCodec.encode(new ErrorMessage(HEADER, ErrorMessage.ErrorCode.MALFORMED, ""));
        assertThat(reasonFor(with(error, 32, 0))).isEqualTo(Reason.BAD_FIELD);
        assertThat(reasonFor(with(error, 32, 9))).isEqualTo(Reason.BAD_FIELD);
    }

    @Test
    void appPayloadLengthPastTheEndOrOverLimit() {
        String header = "d7010b00" + "0123456789abcdef" + "000102030405060708090a0b0c0d0e0f10111213";
        assertThat(reasonFor(hex(header + "0001" + "0003" + "6869"))).isEqualTo(Reason.TRUNCATED);
        assertThat(reasonFor(hex(header + "0001" + "ffff" + "6869"))).isEqualTo(Reason.BAD_FIELD);
        assertThat(reasonFor(hex(header + "0001" + "0001" + "6869"))).isEqualTo(Reason.TRAILING_BYTES);
    }

    @Test
    void trailingBytes() {
        assertThat(reasonFor(Arrays.copyOf(PING, PING.length + 1))).isEqualTo(Reason.TRAILING_BYTES);
        byte[] pong = hex(PONG_HEADER + "04c000020113c4" + "00");
        assertThat(reasonFor(pong)).isEqualTo(Reason.TRAILING_BYTES);
    }

    @Test
    void everyReasonIsCoveredAbove() {
        // guards this class: a new Reason needs a test here
        assertThat(Reason.values()).containsExactly(Reason.TRUNCATED, Reason.OVERSIZED, Reason.BAD_MAGIC,
                Reason.UNSUPPORTED_VERSION, Reason.UNKNOWN_TYPE, Reason.RESERVED_FLAGS, Reason.BAD_ADDRESS,
                Reason.BAD_FIELD, Reason.TRAILING_BYTES);
    }
}
