package io.peerdial.relay.credentials;

import io.peerdial.location.entry.OwnerKey;
import io.peerdial.overlay.identity.NodeId;
import java.util.Arrays;
import java.util.Objects;

/**
 * "Give me TURN credentials": signed by the requesting node's identity key.
 *
 * @param requester       the requester's Ed25519 node key; the credential is issued to its NodeId
 * @param relay           the relay asked (a request is good for that relay only)
 * @param requestedAt     requester's clock, ms (the relay refuses it outside its skew window)
 * @param nonce           random, unique per request (replay protection with {@code requestedAt})
 * @param ephemeralKey    X25519 public key (RFC 7748) the password is sealed to
 * @param lifetimeSeconds lifetime asked for; the relay may give less
 * @param signature       Ed25519 over the encoding (CredentialCodec)
 */
public record CredentialRequest(OwnerKey requester, NodeId relay, long requestedAt, long nonce, byte[] ephemeralKey,
                                long lifetimeSeconds, byte[] signature) {

    public CredentialRequest {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(relay, "relay");
        if (ephemeralKey.length != 32 || signature.length != 64) throw new IllegalArgumentException("key 32, signature 64 bytes");
        if (requestedAt < 0 || lifetimeSeconds <= 0 || lifetimeSeconds > 0xFFFF_FFFFL) throw new IllegalArgumentException("time out of range");
        ephemeralKey = ephemeralKey.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] ephemeralKey() {
        return ephemeralKey.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CredentialRequest r && r.requester.equals(requester) && r.relay.equals(relay)
                && r.requestedAt == requestedAt && r.nonce == nonce && Arrays.equals(r.ephemeralKey, ephemeralKey)
                && r.lifetimeSeconds == lifetimeSeconds && Arrays.equals(r.signature, signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requester, relay, requestedAt, nonce, lifetimeSeconds) * 31 + Arrays.hashCode(ephemeralKey);
    }

    @Override
    public String toString() {
        return "CredentialRequest[" + requester.id().shortHex() + " → " + relay.shortHex() + ", nonce " + nonce + "]";
    }
}
