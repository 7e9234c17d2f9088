package io.peerdial.overlay.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NodeIdTest {

    private final SplittableRandom random = new SplittableRandom(7);

    private static BigInteger big(NodeId id) {
        return new BigInteger(1, id.toBytes());
    }

    @Test
    void bytesAndHexRoundTrip() {
        for (int i = 0; i < 100; i++) {
            NodeId id = NodeId.random(random);
            assertThat(NodeId.fromBytes(id.toBytes())).isEqualTo(id);
            assertThat(NodeId.fromHex(id.toHex())).isEqualTo(id).hasSameHashCodeAs(id);
        }
    }

    @Test
    void distanceComparisonAgreesWithBigIntegerXor() {
        for (int i = 0; i < 2_000; i++) {
            NodeId t = NodeId.random(random), a = NodeId.random(random), b = NodeId.random(random);
            int expected = big(t).xor(big(a)).compareTo(big(t).xor(big(b)));
            assertThat(Integer.signum(t.compareDistance(a, b))).isEqualTo(Integer.signum(expected));
            assertThat(Integer.signum(a.compareTo(b))).isEqualTo(Integer.signum(big(a).compareTo(big(b))));
        }
    }

    @Test
    void commonPrefixLengthCountsLeadingEqualBits() {
        for (int i = 0; i < 1_000; i++) {
            NodeId a = NodeId.random(random), b = NodeId.random(random);
            BigInteger x = big(a).xor(big(b));
            assertThat(a.commonPrefixLength(b)).isEqualTo(160 - x.bitLength());
        }
        NodeId a = NodeId.random(random);
        assertThat(a.commonPrefixLength(a)).isEqualTo(160);
    }

    @Test
    void randomInBucketSharesExactlyThePrefix() {
        NodeId base = NodeId.random(random);
        for (int prefix = 0; prefix < 160; prefix++) {
            NodeId r = NodeId.randomInBucket(base, prefix, random);
            assertThat(base.commonPrefixLength(r)).as("prefix %d", prefix).isEqualTo(prefix);
        }
    }

    @Test
    void bitsReadMostSignificantFirst() {
        byte[] b = new byte[20];
        b[0] = (byte) 0x80;
        b[19] = 0x01;
        NodeId id = NodeId.fromBytes(b);
        assertThat(id.bit(0)).isTrue();
        assertThat(id.bit(1)).isFalse();
        assertThat(id.bit(159)).isTrue();
    }

    @Test
    void sha256PrefixIsFirst160Bits() {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad (FIPS 180-2 B.1)
        assertThat(NodeId.sha256Prefix("abc".getBytes()).toHex()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a3");
    }

    @Test
    void rejectsWrongLengths() {
        assertThatThrownBy(() -> NodeId.fromBytes(new byte[19])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20 bytes");
        assertThatThrownBy(() -> NodeId.fromHex("abc")).isInstanceOf(IllegalArgumentException.class);
    }
}
