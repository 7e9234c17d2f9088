package io.peerdial.overlay.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WriteTokensTest {

    private static final InetSocketAddress A = new InetSocketAddress("198.51.100.7", 4000);
    private static final InetSocketAddress B = new InetSocketAddress("198.51.100.7", 4001);

    /** The token computed from scratch: first 64 bits of HMAC-SHA256(secret, ip || port). */
    private static long expected(byte[] secret, InetSocketAddress to) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        byte[] ip = to.getAddress().getAddress();
        byte[] data = ByteBuffer.allocate(ip.length + 2).put(ip).putShort((short) to.getPort()).array();
        return ByteBuffer.wrap(mac.doFinal(data)).getLong();
    }

    @Test
    void tokenIsTheHmacOfTheAddressUnderTheSecretDrawnFromTheRandomSource() throws Exception {
        byte[] secret = new byte[32];
        new SplittableRandom(4).nextBytes(secret); // WriteTokens draws its first secret the same way
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
