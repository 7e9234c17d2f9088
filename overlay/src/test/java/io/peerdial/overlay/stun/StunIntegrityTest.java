package io.peerdial.overlay.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** MESSAGE-INTEGRITY(-SHA256) and FINGERPRINT appended by us and checked on raw bytes. */
class StunIntegrityTest {
    private static final byte[] KEY = StunIntegrity.shortTermKey("secret");
    private static final StunMessage REQUEST = StunMessage.of(StunClass.REQUEST, StunMethods.BINDING,
            Rfc5769.TRANSACTION_ID, new Username("alice:bob"), new Software("odd length!"));

    @Test
    void longTermKeyIsMd5OfUserRealmPassword() {
        // RFC 5769 §2.4's key, computed independently: MD5("マトリックス:example.org:TheMatrIX").
        byte[] key = StunIntegrity.longTermKey(Rfc5769.LONG_TERM_USERNAME, Rfc5769.LONG_TERM_REALM, Rfc5769.LONG_TERM_PASSWORD);
        assertThat(key).hasSize(16);
        assertThat(HexFormat.of().formatHex(StunIntegrity.longTermKey("user", "realm", "pass")))
                .isEqualTo("8493fbc53ba582fb4c044c456bdc40eb"); // md5 -s "user:realm:pass"
        assertThat(StunIntegrity.longTermKeySha256("user", "realm", "pass")).hasSize(32);
    }

    @Test
    void appendedSha1VerifiesAndDecodes() throws StunException {
        byte[] b = StunIntegrity.appendSha1(StunEncoder.standard().encode(REQUEST), KEY);

        assertThat(StunIntegrity.checkSha1(b, KEY)).isTrue();
        assertThat(StunIntegrity.checkSha1(b, StunIntegrity.shortTermKey("Secret"))).isFalse();
        assertThat(StunDecoder.standard().decode(b).attributes()).hasSize(3).last().isInstanceOf(MessageIntegrity.class);
        byte[] tampered = b.clone();
        tampered[25] ^= 1;
        assertThat(StunIntegrity.checkSha1(tampered, KEY)).isFalse();
    }

    @Test
    void fingerprintAfterIntegrityLeavesIntegrityValid() {
        byte[] b = StunFingerprint.append(StunIntegrity.appendSha1(StunEncoder.standard().encode(REQUEST), KEY));

        // RFC 8489 §14.5: the length field is patched back when checking, so MI survives FINGERPRINT.
        assertThat(StunIntegrity.checkSha1(b, KEY)).isTrue();
        assertThat(StunFingerprint.check(b)).isTrue();
        byte[] tampered = b.clone();
        tampered[b.length - 1] ^= 1;
        assertThat(StunFingerprint.check(tampered)).isFalse();
    }

    @Test
    void sha256FullAndTruncated() throws StunException {
        byte[] plain = StunEncoder.standard().encode(REQUEST);
        byte[] full = StunIntegrity.appendSha256(plain, KEY);
        byte[] truncated = StunIntegrity.appendSha256(plain, KEY, 16);
        byte[] both = StunIntegrity.appendSha256(StunIntegrity.appendSha1(plain, KEY), KEY);

        assertThat(full).hasSize(plain.length + 36);
        assertThat(truncated).hasSize(plain.length + 20);
        assertThat(StunIntegrity.checkSha256(full, KEY)).isTrue();
        assertThat(StunIntegrity.checkSha256(truncated, KEY)).isTrue();
        assertThat(StunIntegrity.checkSha256(both, KEY)).isTrue();
        assertThat(StunIntegrity.checkSha1(both, KEY)).isTrue();
        assertThat(StunIntegrity.checkSha256(full, StunIntegrity.shortTermKey("other"))).isFalse();
        assertThat(StunIntegrity.checkSha1(full, KEY)).isFalse(); // no MESSAGE-INTEGRITY at all
        assertThat(StunDecoder.standard().decode(both).first(MessageIntegritySha256.class)).isPresent();
        assertThatThrownBy(() -> StunIntegrity.appendSha256(plain, KEY, 20 + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checksAreFalseOnGarbage() {
        for (byte[] garbage : new byte[][] {new byte[0], new byte[19], new byte[20], Rfc5769.hex("00 01 00 04 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00 00 00 08 00 14")}) {
            assertThat(StunIntegrity.checkSha1(garbage, KEY)).isFalse();
            assertThat(StunIntegrity.checkSha256(garbage, KEY)).isFalse();
            assertThat(StunFingerprint.check(garbage)).isFalse();
        }
    }

    @Test
    void appendingAfterFingerprintIsMisuse() {
        byte[] withFingerprint = StunFingerprint.append(StunEncoder.standard().encode(REQUEST));
        assertThatThrownBy(() -> StunIntegrity.appendSha1(withFingerprint, KEY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StunFingerprint.append(withFingerprint)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StunFingerprint.append(new byte[7])).isInstanceOf(IllegalArgumentException.class);
    }
}
