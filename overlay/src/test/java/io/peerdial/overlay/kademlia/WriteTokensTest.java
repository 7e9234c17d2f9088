package io.peerdial.overlay.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.macs.SipHash;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

class WriteTokensTest {

    private static final InetSocketAddress A = new InetSocketAddress("198.51.100.7", 4000);
    private static final InetSocketAddress B = new InetSocketAddress("198.51.100.7", 4001);

    /** SipHash-2-4 over {@code data} in one call (the engine WriteTokens feeds piecewise). */
    private static long sipHash24(byte[] key, byte[] data) {
        SipHash h = new SipHash(2, 4);
        h.init(new KeyParameter(key));
        h.update(data, 0, data.length);
        return h.doFinal();
    }

    /** The token computed from scratch: SipHash-2-4(secret, ip || port). */
    private static long expected(byte[] secret, InetSocketAddress to) {
        byte[] ip = to.getAddress().getAddress();
        byte[] data = ByteBuffer.allocate(ip.length + 2).put(ip).putShort((short) to.getPort()).array();
        return sipHash24(secret, data);
    }

    @Test
    void theEngineIsSipHash24AsPublished() {
        // Aumasson & Bernstein, "SipHash: a fast short-input PRF" (2012), Appendix A: key 00..0f,
        // message 00..0e
        byte[] key = new byte[16];
        byte[] message = new byte[15];
        for (int i = 0; i < key.length; i++) key[i] = (byte) i;
        for (int i = 0; i < message.length; i++) message[i] = (byte) i;
        assertThat(sipHash24(key, message)).isEqualTo(0xa129ca6149be45e5L);
    }

    @Test
    void tokenIsTheSipHashOfTheAddressUnderTheSecretDrawnFromTheRandomSource() {
        byte[] drawn = new byte[32];
        new SplittableRandom(4).nextBytes(drawn); // WriteTokens draws its first secret the same way
        byte[] secret = new byte[16];
        for (int i = 0; i < 16; i++) secret[i] = (byte) (drawn[i] ^ drawn[16 + i]); // and folds it
        WriteTokens tokens = new WriteTokens(new SplittableRandom(4), 0);
        assertThat(tokens.issue(1, A)).isEqualTo(expected(secret, A));
        assertThat(tokens.issue(2, B)).isEqualTo(expected(secret, B)).isNotEqualTo(tokens.issue(2, A));
    }

    @Test
    void aTokenStaysValidForOneRotationAndOnlyForItsAddress() {
        WriteTokens tokens = new WriteTokens(new SplittableRandom(8), 0);
        long t = tokens.issue(0, A);
        assertThat(tokens.valid(1, A, t)).isTrue();
        assertThat(tokens.valid(1, B, t)).isFalse();
        assertThat(tokens.valid(WriteTokens.ROTATION_MS, A, t)).isTrue(); // now the previous secret's
        long fresh = tokens.issue(WriteTokens.ROTATION_MS, A);
        assertThat(fresh).isNotEqualTo(t);
        assertThat(tokens.valid(2 * WriteTokens.ROTATION_MS, A, t)).isFalse(); // two rotations later
        assertThat(tokens.valid(2 * WriteTokens.ROTATION_MS, A, fresh)).isTrue();
    }
}
