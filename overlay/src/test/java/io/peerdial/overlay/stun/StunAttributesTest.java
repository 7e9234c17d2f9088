package io.peerdial.overlay.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Value encodings of each attribute record (RFC 8489 §14), and the limits their constructors enforce. */
class StunAttributesTest {
    private static final TransactionId TID = Rfc5769.TRANSACTION_ID;

    @Test
    void errorCodeSplitsClassAndNumber() throws StunException {
        ErrorCode e = new ErrorCode(420, "Unknown Attribute");
        byte[] value = e.encodeValue(TID);
        assertThat(value).startsWith(0, 0, 4, 20);
        assertThat(new String(value, 4, value.length - 4, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("Unknown Attribute");
        assertThat(ErrorCode.decode(value, TID)).isEqualTo(e);
        assertThat(ErrorCode.decode(Rfc5769.hex("ff ff fb 00"), TID)).isEqualTo(new ErrorCode(300, "")); // reserved bits ignored
        assertThatThrownBy(() -> new ErrorCode(299, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ErrorCode(700, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownAttributesOddCountIsPadded() throws StunException {
        StunMessage m = StunMessage.of(StunClass.ERROR_RESPONSE, StunMethods.BINDING, TID,
                new UnknownAttributes(List.of(0x0024, 0x0025, 0x7ABC)));
        byte[] b = StunEncoder.standard().encode(m);
        assertThat(b).hasSize(20 + 4 + 8);
        assertThat(java.util.Arrays.copyOfRange(b, 20, 32)).isEqualTo(Rfc5769.hex("00 0a 00 06 00 24 00 25 7a bc 00 00"));
        assertThat(StunDecoder.standard().decode(b)).isEqualTo(m);
    }

    @Test
    void mappedAddressIsNotXored() throws Exception {
        InetSocketAddress a = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853);
        assertThat(new MappedAddress(a).encodeValue(TID)).isEqualTo(Rfc5769.hex("00 01 80 55 c0 00 02 01"));
        assertThat(new XorMappedAddress(a).encodeValue(TID)).isEqualTo(Rfc5769.hex("00 01 a1 47 e1 12 a6 43"));
        assertThat(StunAddresses.decode(Rfc5769.hex("ff 01 80 55 c0 00 02 01"))).isEqualTo(a); // reserved byte ignored
    }

    @Test
    void textLimits() {
        String s127 = "x".repeat(127);
        assertThat(new Software(s127).value()).hasSize(127);
        assertThatThrownBy(() -> new Software(s127 + "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Realm("\u00e9".repeat(127) + "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Username("u".repeat(512)).value()).hasSize(512);
        assertThatThrownBy(() -> new Username("u".repeat(513))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Nonce("\ud800")).isInstanceOf(IllegalArgumentException.class); // unpaired surrogate
    }

    @Test
    void byteArrayRecordsCompareByContentAndCopy() {
        byte[] h = new byte[20];
        MessageIntegrity mi = new MessageIntegrity(h);
        h[0] = 1;
        assertThat(mi).isEqualTo(new MessageIntegrity(new byte[20])).isNotEqualTo(new MessageIntegrity(h));
        mi.hmac()[0] = 9;
        assertThat(mi.hmac()[0]).isZero();
        assertThat(new UnknownAttribute(0x8001, new byte[] {1})).isEqualTo(new UnknownAttribute(0x8001, new byte[] {1}))
                .isNotEqualTo(new UnknownAttribute(0x8002, new byte[] {1}));
        assertThat(new MessageIntegritySha256(new byte[16])).isEqualTo(new MessageIntegritySha256(new byte[16]));
        assertThatThrownBy(() -> new MessageIntegritySha256(new byte[18])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unresolvedAddressesAreRefused() {
        assertThatThrownBy(() -> new XorMappedAddress(InetSocketAddress.createUnresolved("example.org", 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
