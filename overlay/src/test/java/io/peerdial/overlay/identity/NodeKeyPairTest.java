package io.peerdial.overlay.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NodeKeyPairTest {

    private static final HexFormat HEX = HexFormat.of();

    /** RFC 8032 §7.1, TEST 2: one-byte message 0x72. */
    @Test
    void rfc8032Test2Vector() {
        NodeKeyPair k = NodeKeyPair.fromPrivateKey(HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));
        assertThat(HEX.formatHex(k.publicKey())).isEqualTo("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
        byte[] sig = k.sign(new byte[] {0x72});
        assertThat(HEX.formatHex(sig)).isEqualTo("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
        assertThat(NodeKeyPair.verify(k.publicKey(), new byte[] {0x72}, sig)).isTrue();
        assertThat(k.nodeId()).isEqualTo(NodeId.sha256Prefix(k.publicKey()));
    }

    @Test
    void verifyRejectsTamperingAndGarbageWithoutThrowing() {
        NodeKeyPair k = NodeKeyPair.generate(new SplittableRandom(1));
        byte[] msg = "hello".getBytes();
        byte[] sig = k.sign(msg);
        byte[] bad = sig.clone();
        bad[10] ^= 1;
        assertThat(NodeKeyPair.verify(k.publicKey(), msg, bad)).isFalse();
        assertThat(NodeKeyPair.verify(k.publicKey(), "hellp".getBytes(), sig)).isFalse();
        assertThat(NodeKeyPair.verify(new byte[32], msg, sig)).isFalse();
        byte[] notAPoint = new byte[32];
        java.util.Arrays.fill(notAPoint, (byte) 0xFF);
        assertThat(NodeKeyPair.verify(notAPoint, msg, sig)).isFalse();
        assertThat(NodeKeyPair.verify(k.publicKey(), msg, new byte[3])).isFalse();
    }

    @Test
    void sameSeedSameIdentity() {
        assertThat(NodeKeyPair.generate(new SplittableRandom(5)).nodeId())
                .isEqualTo(NodeKeyPair.generate(new SplittableRandom(5)).nodeId())
                .isNotEqualTo(NodeKeyPair.generate(new SplittableRandom(6)).nodeId());
    }
}
