package io.peerdial.overlay.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.overlay.stun.StunException.Reason;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** One test per {@link Reason}, plus the attribute-order rules of RFC 8489 §14.5-§14.7. */
class StunDecoderTest {
    private static final StunDecoder DECODER = StunDecoder.standard();
    private static final TransactionId TID = TransactionId.of(Rfc5769.hex("00 11 22 33 44 55 66 77 88 99 aa bb"));

    @Test
    void truncatedHeader() {
        assertRejected(Arrays.copyOf(Rfc5769.IPV4_RESPONSE, 19), Reason.TRUNCATED);
        assertRejected(new byte[0], Reason.TRUNCATED);
    }

    @Test
    void truncatedAttribute() {
        // Header length is consistent, but the attribute claims 8 bytes of value and only 4 follow.
        byte[] b = message("00 20 00 08 00 01 a1 47");
        assertRejected(b, Reason.TRUNCATED);
    }

    @Test
    void oversized() throws StunException {
        byte[] big = StunEncoder.standard().encode(StunMessage.of(StunClass.REQUEST, StunMethods.BINDING, TID,
                new UnknownAttribute(0x8123, new byte[1500])));
        assertRejected(big, Reason.OVERSIZED);
        assertThat(new StunDecoder(StunAttributeRegistry.rfc8489(), 2000).decode(big).attributes()).hasSize(1);
    }

    @Test
    void badHeader() {
        byte[] b = Rfc5769.IPV4_RESPONSE.clone();
        b[0] |= (byte) 0x40;
        assertRejected(b, Reason.BAD_HEADER);
    }

    @Test
    void badCookie() {
        byte[] b = Rfc5769.IPV4_RESPONSE.clone();
        b[7] ^= 1;
        assertRejected(b, Reason.BAD_COOKIE);
    }

    @Test
    void badLength() {
        byte[] b = Rfc5769.IPV4_RESPONSE.clone();
        b[3] -= 4; // says fewer bytes than there are
        assertRejected(b, Reason.BAD_LENGTH);
        b[3] += 8; // says more
        assertRejected(b, Reason.BAD_LENGTH);
        b[3] -= 2; // not a multiple of 4
        assertRejected(b, Reason.BAD_LENGTH);
        assertRejected(Arrays.copyOf(Rfc5769.IPV4_RESPONSE, Rfc5769.IPV4_RESPONSE.length + 4), Reason.BAD_LENGTH);
    }

    @Test
    void badAttributeValues() {
        assertRejected(message("00 20 00 08 00 03 a1 47 e1 12 a6 43"), Reason.BAD_ATTRIBUTE); // family 3
        assertRejected(message("00 01 00 04 00 01 a1 47"), Reason.BAD_ATTRIBUTE); // IPv4 without address
        assertRejected(message("00 08 00 04 01 02 03 04"), Reason.BAD_ATTRIBUTE); // MESSAGE-INTEGRITY of 4 bytes
        assertRejected(message("00 1c 00 0c 01 02 03 04 05 06 07 08 09 0a 0b 0c"), Reason.BAD_ATTRIBUTE); // MI-SHA256 of 12
        assertRejected(message("80 28 00 02 01 02 00 00"), Reason.BAD_ATTRIBUTE); // FINGERPRINT of 2 bytes
        assertRejected(message("00 09 00 04 00 00 04 64"), Reason.BAD_ATTRIBUTE); // ERROR-CODE number 100
        assertRejected(message("00 09 00 04 00 00 02 00"), Reason.BAD_ATTRIBUTE); // ERROR-CODE 200
        assertRejected(message("00 0a 00 03 00 01 00 00"), Reason.BAD_ATTRIBUTE); // UNKNOWN-ATTRIBUTES odd length
        assertRejected(message("80 22 00 02 c3 28 00 00"), Reason.BAD_ATTRIBUTE); // SOFTWARE not UTF-8
    }

    @Test
    void attributeAfterFingerprint() {
        byte[] b = StunEncoder.standard().encode(StunMessage.of(StunClass.REQUEST, StunMethods.BINDING, TID,
                new Fingerprint(0), new Software("late")));
        assertRejected(b, Reason.ATTRIBUTE_AFTER_FINGERPRINT);
    }

    @Test
    void attributesAfterIntegrityAreIgnored() throws StunException {
        MessageIntegrity mi = new MessageIntegrity(new byte[20]);
        MessageIntegritySha256 mi256 = new MessageIntegritySha256(new byte[32]);
        byte[] b = StunEncoder.standard().encode(StunMessage.of(StunClass.REQUEST, StunMethods.BINDING, TID,
                new Software("before"), mi, new Software("ignored"), new UnknownAttribute(0x0024, new byte[4]),
                mi256, new Realm("ignored too"), new Fingerprint(7)));

        StunMessage m = DECODER.decode(b);

        // RFC 8489 §14.5/§14.6: only MI-SHA256 and FINGERPRINT count after MI, only FINGERPRINT after MI-SHA256.
        assertThat(m.attributes()).containsExactly(new Software("before"), mi, mi256, new Fingerprint(7));
        assertThat(m.unknownComprehensionRequired()).isEmpty();
    }

    @Test
    void decodesWithinALargerBuffer() throws StunException {
        byte[] buffer = new byte[Rfc5769.IPV6_RESPONSE.length + 10];
        System.arraycopy(Rfc5769.IPV6_RESPONSE, 0, buffer, 7, Rfc5769.IPV6_RESPONSE.length);
        assertThat(DECODER.decode(buffer, 7, Rfc5769.IPV6_RESPONSE.length)).isEqualTo(DECODER.decode(Rfc5769.IPV6_RESPONSE));
    }

    @Test
    void unknownAttributesKeepTheirBytesAndRange() throws StunException {
        StunMessage m = DECODER.decode(message("7f ff 00 01 aa 00 00 00 80 00 00 00"));
        assertThat(m.attributes()).containsExactly(
                new UnknownAttribute(0x7FFF, new byte[] {(byte) 0xaa}), new UnknownAttribute(0x8000, new byte[0]));
        assertThat(m.attributes().get(0).comprehensionRequired()).isTrue();
        assertThat(m.attributes().get(1).comprehensionRequired()).isFalse();
        assertThat(m.unknownComprehensionRequired()).containsExactly(0x7FFF);
    }

    @Test
    void registryExtensionDecodesNewTypes() throws Exception {
        // The way relay adds TURN's LIFETIME (RFC 8656 §18.4) without touching this package.
        record Lifetime(int seconds) implements StunAttribute {
            public int type() {
                return 0x000D;
            }

            public byte[] encodeValue(TransactionId t) {
                return new byte[] {0, 0, (byte) (seconds >>> 8), (byte) seconds};
            }
        }
        StunAttributeRegistry turn = StunAttributeRegistry.rfc8489().with(0x000D, (v, t) -> {
            if (v.length != 4) {
                throw new IllegalArgumentException("LIFETIME is 4 bytes");
            }
            return new Lifetime(StunDecoder.readInt(v, 0));
        });
        StunDecoder decoder = new StunDecoder(turn, 1500);
        byte[] b = StunEncoder.standard().encode(StunMessage.of(StunClass.REQUEST, 0x003, TID, new Lifetime(600)));

        assertThat(decoder.decode(b).first(Lifetime.class)).contains(new Lifetime(600));
        assertThat(DECODER.decode(b).unknownComprehensionRequired()).containsExactly(0x000D);
        assertThatThrownBy(() -> decoder.decode(message("00 0d 00 02 00 01 00 00")))
                .isInstanceOfSatisfying(StunException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_ATTRIBUTE));
        assertThatThrownBy(() -> turn.with(0x000D, (v, t) -> null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ipv4MappedIpv6KeepsItsFamily() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 192;
        mapped[15] = 1;
        InetSocketAddress a = new InetSocketAddress(java.net.Inet6Address.getByAddress(null, mapped, -1), 4000);
        byte[] b = StunEncoder.standard().encode(StunMessage.of(StunClass.SUCCESS_RESPONSE, StunMethods.BINDING, TID,
                new XorMappedAddress(a), new MappedAddress(new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 1))));

        StunMessage m = DECODER.decode(b);

        assertThat(m.first(XorMappedAddress.class).orElseThrow().address().getAddress()).isInstanceOf(java.net.Inet6Address.class);
        assertThat(StunEncoder.standard().encode(m)).isEqualTo(b);
    }

    @Test
    void looksLikeStun() {
        assertThat(StunDecoder.looksLikeStun(Rfc5769.REQUEST, Rfc5769.REQUEST.length)).isTrue();
        assertThat(StunDecoder.looksLikeStun(Rfc5769.REQUEST, 19)).isFalse();
        byte[] overlay = Rfc5769.REQUEST.clone();
        overlay[0] = (byte) 0xD7; // the overlay wire format's first byte
        assertThat(StunDecoder.looksLikeStun(overlay, overlay.length)).isFalse();
        byte[] noCookie = Rfc5769.REQUEST.clone();
        noCookie[4] = 0;
        assertThat(StunDecoder.looksLikeStun(noCookie, noCookie.length)).isFalse();
        byte[] firstByte3 = Rfc5769.REQUEST.clone();
        firstByte3[0] = 3; // RFC 7983 §7: 0-3 is STUN, even if the decoder will refuse the bits
        assertThat(StunDecoder.looksLikeStun(firstByte3, firstByte3.length)).isTrue();
        firstByte3[0] = 4;
        assertThat(StunDecoder.looksLikeStun(firstByte3, firstByte3.length)).isFalse();
    }

    /** A Binding request with these attribute bytes and a consistent header length. */
    private static byte[] message(String attributesHex) {
        byte[] attributes = Rfc5769.hex(attributesHex);
        byte[] b = new byte[20 + attributes.length];
        b[1] = 0x01;
        StunEncoder.setLength(b, attributes.length);
        StunEncoder.writeInt(b, 4, 0x2112A442);
        TID.copyTo(b, 8);
        System.arraycopy(attributes, 0, b, 20, attributes.length);
        return b;
    }

    private static void assertRejected(byte[] b, Reason reason) {
        assertThatThrownBy(() -> DECODER.decode(b))
                .isInstanceOfSatisfying(StunException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
