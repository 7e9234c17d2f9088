package io.peerdial.overlay.kademlia;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import java.nio.charset.StandardCharsets;

/**
 * The proof of node key (docs/PROTOCOL.md, AUTH_PROOF): an Ed25519 signature over
 * {@code "peerdial-auth-v1" || nonce || NodeId}. The domain string keeps this signature from ever
 * being valid as any other peerdial signature; the NodeId binds it to the identity claimed.
 */
final class NodeAuth {

    private static final byte[] DOMAIN = "peerdial-auth-v1".getBytes(StandardCharsets.US_ASCII);

    private NodeAuth() {}

    static byte[] signedBytes(byte[] nonce, NodeId id) {
        byte[] b = new byte[DOMAIN.length + nonce.length + NodeId.BYTES];
        System.arraycopy(DOMAIN, 0, b, 0, DOMAIN.length);
        System.arraycopy(nonce, 0, b, DOMAIN.length, nonce.length);
        id.writeTo(b, DOMAIN.length + nonce.length);
        return b;
    }

    static byte[] prove(NodeKeyPair keys, byte[] nonce) {
        return keys.sign(signedBytes(nonce, keys.nodeId()));
    }

    /** True if {@code publicKey} hashes to {@code claimed} and signed this nonce. */
    static boolean verify(NodeId claimed, byte[] publicKey, byte[] nonce, byte[] signature) {
        return publicKey.length == NodeKeyPair.PUBLIC_KEY_BYTES
                && NodeKeyPair.nodeIdOf(publicKey).equals(claimed)
                && NodeKeyPair.verify(publicKey, signedBytes(nonce, claimed), signature);
    }
}
