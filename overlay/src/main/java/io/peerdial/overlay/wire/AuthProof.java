package io.peerdial.overlay.wire;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Answer to {@link AuthChallenge}: the responder's Ed25519 public key and its signature over
 * {@code "peerdial-auth-v1" || nonce || responder NodeId} (docs/PROTOCOL.md). The challenger
 * checks that SHA-256(publicKey) starts with the header's NodeId and that the signature verifies.
 */
public record AuthProof(Header header, InetSocketAddress observed, byte[] publicKey, byte[] signature)
        implements Message.Response {
    public AuthProof {
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(signature, "signature");
        if (publicKey.length != 32 || signature.length != 64) {
            throw new IllegalArgumentException("Ed25519 key is 32 bytes and signature 64 bytes, got "
                    + publicKey.length + " and " + signature.length);
        }
    }
    @Override public MessageType type() { return MessageType.AUTH_PROOF; }
}
