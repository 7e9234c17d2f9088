package io.peerdial.overlay.identity;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 key pair (node or user identity) through BouncyCastle's lightweight API, which signs
 * and verifies about eight times faster than the JDK's EdDSA here (see LIBRARIES.md).
 *
 * <p>Key generation takes the injected random generator, so the simulator and the tests create
 * reproducible identities; the daemon passes a {@link java.security.SecureRandom}.
 */
public final class NodeKeyPair {

    public static final int PUBLIC_KEY_BYTES = 32;
    public static final int PRIVATE_KEY_BYTES = 32;
    public static final int SIGNATURE_BYTES = 64;

    private final Ed25519PrivateKeyParameters privateKey;
    private final byte[] publicKey;
    private final NodeId nodeId;

    private NodeKeyPair(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = privateKey.generatePublicKey().getEncoded();
        this.nodeId = nodeIdOf(publicKey);
    }

    public static NodeKeyPair generate(RandomGenerator random) {
        byte[] seed = new byte[PRIVATE_KEY_BYTES];
        random.nextBytes(seed);
        return fromPrivateKey(seed);
    }

    /** Restores a key pair from its 32-byte private key (RFC 8032 seed). */
    public static NodeKeyPair fromPrivateKey(byte[] privateKey) {
        if (privateKey.length != PRIVATE_KEY_BYTES) {
            throw new IllegalArgumentException("an Ed25519 private key is 32 bytes, got " + privateKey.length);
        }
        return new NodeKeyPair(new Ed25519PrivateKeyParameters(privateKey, 0));
    }

    /** NodeId = first 160 bits of SHA-256(public key) (ARCHITECTURE.md, Identities). */
    public static NodeId nodeIdOf(byte[] publicKey) {
        if (publicKey.length != PUBLIC_KEY_BYTES) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, got " + publicKey.length);
        }
        return NodeId.sha256Prefix(publicKey);
    }

    public NodeId nodeId() {
        return nodeId;
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public byte[] privateKey() {
        return privateKey.getEncoded();
    }

    public byte[] sign(byte[] message) {
        return sign(message, 0, message.length);
    }

    public byte[] sign(byte[] message, int offset, int length) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, offset, length);
        return signer.generateSignature();
    }

    /** Verifies an Ed25519 signature; false (never an exception) for malformed keys or signatures. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        return verify(publicKey, message, 0, message.length, signature);
    }

    public static boolean verify(byte[] publicKey, byte[] message, int offset, int length, byte[] signature) {
        if (publicKey == null || publicKey.length != PUBLIC_KEY_BYTES
                || signature == null || signature.length != SIGNATURE_BYTES) {
            return false;
        }
        try {
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
            verifier.update(message, offset, length);
            return verifier.verifySignature(signature);
        } catch (IllegalArgumentException e) {
            return false; // not a point on the curve
        }
    }

    @Override
    public String toString() {
        return "NodeKeyPair[" + nodeId.shortHex() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeKeyPair k && Arrays.equals(k.publicKey, publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }
}
