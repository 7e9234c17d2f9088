package io.peerdial.overlay.wire;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * AUTH_CHALLENGE: "prove you hold the private key behind your NodeId". {@code nonce} is 16 random
 * bytes. Sent once per (NodeId, address) before a contact may enter a routing table.
 *
 * <p>equals/hashCode compare the nonce's content (a record would compare the array's identity).
 * The array is not copied: do not change it after construction.
 */
public record AuthChallenge(Header header, byte[] nonce) implements Message.Request {
    public static final int NONCE_BYTES = 16;

    public AuthChallenge {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(nonce, "nonce");
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("nonce must be " + NONCE_BYTES + " bytes, got " + nonce.length);
        }
    }
    @Override public MessageType type() { return MessageType.AUTH_CHALLENGE; }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthChallenge c && header.equals(c.header) && Arrays.equals(nonce, c.nonce);
    }

    @Override
    public int hashCode() {
        return 31 * header.hashCode() + Arrays.hashCode(nonce);
    }

    @Override
    public String toString() {
        return "AuthChallenge[header=" + header + ", nonce=" + HexFormat.of().formatHex(nonce) + "]";
    }
}
