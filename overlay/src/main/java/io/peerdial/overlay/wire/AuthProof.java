package io.peerdial.overlay.wire;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Answer to {@link AuthChallenge}: the responder's Ed25519 public key and its signature over
 * {@code "peerdial-auth-v1" || nonce || responder NodeId} (docs/PROTOCOL.md). The challenger
 * checks that SHA-256(publicKey) starts with the header's NodeId and that the signature verifies.
 *
 * <p>equals/hashCode compare the arrays' content (a record would compare their identity). The
 * arrays are not copied: do not change them after construction.
 */
public record AuthProof(Header header, InetSocketAddress observed, byte[] publicKey, byte[] signature)
        implements Message.Response {
    public static final int PUBLIC_KEY_BYTES = 32;
    public static final int SIGNATURE_BYTES = 64;

    public AuthProof {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(signature, "signature");
        if (publicKey.length != PUBLIC_KEY_BYTES || signature.length != SIGNATURE_BYTES) {
            throw new IllegalArgumentException("Ed25519 key is 32 bytes and signature 64 bytes, got "
                    + publicKey.length + " and " + signature.length);
        }
    }
    @Override public MessageType type() { return MessageType.AUTH_PROOF; }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthProof p && header.equals(p.header) && observed.equals(p.observed)
                && Arrays.equals(publicKey, p.publicKey) && Arrays.equals(signature, p.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(header, observed, Arrays.hashCode(publicKey), Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "AuthProof[header=" + header + ", observed=" + observed + ", publicKey=" + hex.formatHex(publicKey)
                + ", signature=" + hex.formatHex(signature) + "]";
    }
}
