package io.peerdial.overlay.wire;

import java.util.Objects;

/**
 * AUTH_CHALLENGE: "prove you hold the private key behind your NodeId". {@code nonce} is 16 random
 * bytes. Sent once per (NodeId, address) before a contact may enter a routing table.
 */
public record AuthChallenge(Header header, byte[] nonce) implements Message.Request {
    public static final int NONCE_BYTES = 16;

    public AuthChallenge {
        Objects.requireNonNull(nonce, "nonce");
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("nonce must be " + NONCE_BYTES + " bytes, got " + nonce.length);
        }
    }
    @Override public MessageType type() { return MessageType.AUTH_CHALLENGE; }
}
