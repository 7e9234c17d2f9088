package io.peerdial.relay.credentials;

import io.peerdial.overlay.identity.NodeId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * Seals the TURN password to the requester: X25519 (RFC 7748) between two ephemeral keys, HKDF-SHA256
 * (RFC 5869) over the shared secret with salt = nonce ‖ requester ‖ relay, info "peerdial/turn-credential/v1",
 * XORed with the password. Each key pair is used once, so the derived stream is a one-time pad;
 * integrity comes from the relay's Ed25519 signature over the whole grant.
 */
final class Sealing {
    static final int KEY_BYTES = 32;
    private static final byte[] INFO = "peerdial/turn-credential/v1".getBytes(StandardCharsets.US_ASCII);

    private Sealing() {}

    /** 32 private-key bytes from {@code random} (a SecureRandom in production). */
    static byte[] newPrivateKey(RandomGenerator random) {
        byte[] k = new byte[KEY_BYTES];
        for (int i = 0; i < k.length; i++) k[i] = (byte) random.nextInt(256);
        return k;
    }

    static byte[] publicKey(byte[] privateKey) {
        return new X25519PrivateKeyParameters(privateKey, 0).generatePublicKey().getEncoded();
    }

    /** XORs {@code data} with the stream both sides derive; applying it twice gives {@code data} back. */
    static byte[] apply(byte[] privateKey, byte[] peerPublicKey, long nonce, NodeId requester, NodeId relay, byte[] data) {
        X25519Agreement agreement = new X25519Agreement();
        agreement.init(new X25519PrivateKeyParameters(privateKey, 0));
        byte[] shared = new byte[agreement.getAgreementSize()];
        agreement.calculateAgreement(new X25519PublicKeyParameters(peerPublicKey, 0), shared, 0);
        byte[] salt = ByteBuffer.allocate(8 + 2 * NodeId.BYTES).putLong(nonce).put(requester.toBytes()).put(relay.toBytes()).array();
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(shared, salt, INFO));
        byte[] stream = new byte[data.length];
        hkdf.generateBytes(stream, 0, stream.length);
        for (int i = 0; i < stream.length; i++) stream[i] ^= data[i];
        return stream;
    }
}
