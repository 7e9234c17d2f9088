package io.peerdial.relay.credentials;

import io.peerdial.location.entry.OwnerKey;
import io.peerdial.overlay.identity.NodeId;
import java.util.Arrays;
import java.util.Objects;

/**
 * The relay's answer: a TURN username and a password sealed to the request's ephemeral key,
 * signed by the relay's node key.
 *
 * @param relay          the relay's Ed25519 node key (the requester checks its NodeId is the relay it asked)
 * @param requester      whom it is for
 * @param nonce          the request's nonce
 * @param ephemeralKey   the relay's X25519 public key for this grant
 * @param expiresAt      ms; equals the username's EXPIRY × 1000
 * @param realm          the TURN REALM to use
 * @param username       "EXPIRY:NODEID" ({@link TurnUsername})
 * @param sealedPassword the password XOR a key derived from the X25519 secret (CredentialCodec)
 */
public record CredentialGrant(OwnerKey relay, NodeId requester, long nonce, byte[] ephemeralKey, long expiresAt,
                              String realm, String username, byte[] sealedPassword, byte[] signature) {

    public CredentialGrant {
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(username, "username");
        if (ephemeralKey.length != 32 || signature.length != 64 || sealedPassword.length > CredentialCodec.MAX_TEXT) {
            throw new IllegalArgumentException("key 32, signature 64, sealed password at most 64 bytes");
        }
        if (expiresAt < 0) throw new IllegalArgumentException("expiry must be >= 0");
        ephemeralKey = ephemeralKey.clone();
        sealedPassword = sealedPassword.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] ephemeralKey() {
        return ephemeralKey.clone();
    }

    @Override
    public byte[] sealedPassword() {
        return sealedPassword.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CredentialGrant g && g.relay.equals(relay) && g.requester.equals(requester) && g.nonce == nonce
                && Arrays.equals(g.ephemeralKey, ephemeralKey) && g.expiresAt == expiresAt && g.realm.equals(realm)
                && g.username.equals(username) && Arrays.equals(g.sealedPassword, sealedPassword)
                && Arrays.equals(g.signature, signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(relay, requester, nonce, expiresAt, realm, username) * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "CredentialGrant[" + username + " from " + relay.id().shortHex() + "]";
    }
}
