package io.peerdial.overlay.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * RFC 5769 §2 vectors both ways: decode the RFC bytes and check every field, the HMAC and the CRC;
 * then build the same message and compare bytes exactly. §2.1-§2.3 pad with 0x20 (spaces), which
 * RFC 8489 §14 allows receivers to ignore; our encoder pads with zeros, so the byte-exact encoding
 * of those three uses {@link StunEncoder#withPadding} with 0x20, and §2.4 (zero padding) uses
 * {@link StunEncoder#standard()}.
 */
class Rfc5769VectorsTest {
    private static final StunEncoder SPACE_PADDING = StunEncoder.withPadding((byte) 0x20);
    private static final byte[] SHORT_TERM_KEY = StunIntegrity.shortTermKey(Rfc5769.SHORT_TERM_PASSWORD);
    private static final int PRIORITY = 0x0024; // RFC 8445 §16.1, unknown to this codec
    private static final int ICE_CONTROLLED = 0x8029;

    @Test
    void sampleRequestDecodes() throws StunException {
        StunMessage m = StunDecoder.standard().decode(Rfc5769.REQUEST);

        assertThat(m.type()).isEqualTo(StunMessageType.of(StunClass.REQUEST, StunMethods.BINDING));
        assertThat(m.transactionId()).isEqualTo(Rfc5769.TRANSACTION_ID);
        assertThat(m.attributes()).extracting(StunAttribute::type)
                .containsExactly(0x8022, PRIORITY, ICE_CONTROLLED, 0x0006, 0x0008, 0x8028);
        assertThat(m.first(Software.class)).contains(new Software("STUN test client"));
        assertThat(m.first(Username.class)).contains(new Username("evtj:h6vY"));
        assertThat(m.first(PRIORITY)).contains(new UnknownAttribute(PRIORITY, Rfc5769.hex("6e 00 01 ff")));
        assertThat(m.first(Fingerprint.class)).contains(new Fingerprint(0xe57a3bcf));
        assertThat(m.unknownComprehensionRequired()).containsExactly(PRIORITY);
        assertThat(StunIntegrity.checkSha1(Rfc5769.REQUEST, SHORT_TERM_KEY)).isTrue();
        assertThat(StunIntegrity.checkSha1(Rfc5769.REQUEST, StunIntegrity.shortTermKey("wrong"))).isFalse();
        assertThat(StunFingerprint.check(Rfc5769.REQUEST)).isTrue();
    }

    @Test
    void sampleRequestEncodes() {
        StunMessage withoutChecks = StunMessage.of(StunClass.REQUEST, StunMethods.BINDING, Rfc5769.TRANSACTION_ID,
                new Software("STUN test client"),
                new UnknownAttribute(PRIORITY, Rfc5769.hex("6e 00 01 ff")),
                new UnknownAttribute(ICE_CONTROLLED, Rfc5769.hex("93 2f f9 b1 51 26 3b 36")),
                new Username("evtj:h6vY"));

        byte[] bytes = StunFingerprint.append(StunIntegrity.appendSha1(SPACE_PADDING.encode(withoutChecks), SHORT_TERM_KEY));

        assertThat(bytes).isEqualTo(Rfc5769.REQUEST);
    }

    @Test
    void ipv4ResponseBothWays() throws StunException {
        checkResponse(Rfc5769.IPV4_RESPONSE, new InetSocketAddress(address("192.0.2.1"), 32853));
    }

    @Test
    void ipv6ResponseBothWays() throws StunException {
        checkResponse(Rfc5769.IPV6_RESPONSE,
                new InetSocketAddress(address("2001:db8:1234:5678:11:2233:4455:6677"), 32853));
    }

    private static void checkResponse(byte[] vector, InetSocketAddress mapped) throws StunException {
        StunMessage m = StunDecoder.standard().decode(vector);
        assertThat(m.type()).isEqualTo(StunMessageType.of(StunClass.SUCCESS_RESPONSE, StunMethods.BINDING));
        assertThat(m.transactionId()).isEqualTo(Rfc5769.TRANSACTION_ID);
        assertThat(m.attributes()).hasSize(4);
        assertThat(m.first(Software.class)).contains(new Software("test vector"));
        assertThat(m.first(XorMappedAddress.class)).contains(new XorMappedAddress(mapped));
        assertThat(m.unknownComprehensionRequired()).isEmpty();
        assertThat(StunIntegrity.checkSha1(vector, SHORT_TERM_KEY)).isTrue();
        assertThat(StunFingerprint.check(vector)).isTrue();

        // Encoded from its parts, with HMAC and CRC computed by us ...
        StunMessage parts = StunMessage.of(StunClass.SUCCESS_RESPONSE, StunMethods.BINDING, Rfc5769.TRANSACTION_ID,
                new Software("test vector"), new XorMappedAddress(mapped));
        byte[] computed = StunFingerprint.append(StunIntegrity.appendSha1(SPACE_PADDING.encode(parts), SHORT_TERM_KEY));
        assertThat(computed).isEqualTo(vector);
        // ... and the decoded message re-encoded as is, carrying the received HMAC and CRC.
        assertThat(SPACE_PADDING.encode(m)).isEqualTo(vector);
    }

    @Test
    void longTermRequestBothWays() throws StunException {
        byte[] key = StunIntegrity.longTermKey(Rfc5769.LONG_TERM_USERNAME, Rfc5769.LONG_TERM_REALM, Rfc5769.LONG_TERM_PASSWORD);
        StunMessage m = StunDecoder.standard().decode(Rfc5769.LONG_TERM_REQUEST);

        assertThat(m.type()).isEqualTo(StunMessageType.of(StunClass.REQUEST, StunMethods.BINDING));
        assertThat(m.transactionId()).isEqualTo(Rfc5769.LONG_TERM_TRANSACTION_ID);
        assertThat(m.first(Username.class)).contains(new Username(Rfc5769.LONG_TERM_USERNAME));
        assertThat(m.first(Nonce.class)).contains(new Nonce(Rfc5769.LONG_TERM_NONCE));
        assertThat(m.first(Realm.class)).contains(new Realm(Rfc5769.LONG_TERM_REALM));
        assertThat(m.first(Fingerprint.class)).isEmpty();
        assertThat(StunIntegrity.checkSha1(Rfc5769.LONG_TERM_REQUEST, key)).isTrue();
        assertThat(StunIntegrity.checkSha1(Rfc5769.LONG_TERM_REQUEST,
                StunIntegrity.longTermKey(Rfc5769.LONG_TERM_USERNAME, "example.com", Rfc5769.LONG_TERM_PASSWORD))).isFalse();
        assertThat(StunFingerprint.check(Rfc5769.LONG_TERM_REQUEST)).isFalse();

        StunMessage parts = StunMessage.of(StunClass.REQUEST, StunMethods.BINDING, Rfc5769.LONG_TERM_TRANSACTION_ID,
                new Username(Rfc5769.LONG_TERM_USERNAME), new Nonce(Rfc5769.LONG_TERM_NONCE), new Realm(Rfc5769.LONG_TERM_REALM));
        assertThat(StunIntegrity.appendSha1(StunEncoder.standard().encode(parts), key)).isEqualTo(Rfc5769.LONG_TERM_REQUEST);
        assertThat(StunEncoder.standard().encode(m)).isEqualTo(Rfc5769.LONG_TERM_REQUEST);
    }

    @Test
    void zeroPaddingChangesOnlyPaddingAndChecksums() throws StunException {
        // What our standard encoder sends for §2.2: same message, zero padding, so a new HMAC and CRC.
        StunMessage parts = StunMessage.of(StunClass.SUCCESS_RESPONSE, StunMethods.BINDING, Rfc5769.TRANSACTION_ID,
                new Software("test vector"), new XorMappedAddress(new InetSocketAddress(address("192.0.2.1"), 32853)));
        byte[] ours = StunFingerprint.append(StunIntegrity.appendSha1(StunEncoder.standard().encode(parts), SHORT_TERM_KEY));

        assertThat(ours).hasSameSizeAs(Rfc5769.IPV4_RESPONSE).isNotEqualTo(Rfc5769.IPV4_RESPONSE);
        assertThat(ours[20 + 4 + 11]).isZero();
        assertThat(StunIntegrity.checkSha1(ours, SHORT_TERM_KEY)).isTrue();
        assertThat(StunFingerprint.check(ours)).isTrue();
        StunMessage decoded = StunDecoder.standard().decode(ours);
        assertThat(decoded.attributes().subList(0, 2)).isEqualTo(parts.attributes());
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no name lookup
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
