package io.peerdial.location.entry;

import io.peerdial.overlay.identity.NodeKeyPair;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A signed DHT entry: content plus an Ed25519 signature (RFC 8032 §5.1.6) by {@code content.owner()}
 * over {@link #SIGNATURE_CONTEXT} followed by the canonical encoding of the content. The context
 * string keeps an entry signature from ever being valid as another peerdial signature.
 *
 * <p>Holding a {@code SignedEntry} says nothing about validity: call {@link #verifySignature()}.
 */
public record SignedEntry(EntryContent content, byte[] signature) {

    /** Domain separation prefix of the signed message (ASCII, no terminator). */
    public static final byte[] SIGNATURE_CONTEXT = "peerdial-entry-v1".getBytes(StandardCharsets.US_ASCII);

    public SignedEntry {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(signature, "signature");
        if (signature.length != NodeKeyPair.SIGNATURE_BYTES) {
            throw new IllegalArgumentException("an Ed25519 signature is 64 bytes, got " + signature.length);
        }
        signature = signature.clone();
    }

    /** Signs {@code content} with {@code owner}, whose public key must be {@code content.owner()}. */
    public static SignedEntry sign(NodeKeyPair owner, EntryContent content) {
        if (!OwnerKey.of(owner).equals(content.owner())) {
            throw new IllegalArgumentException("content names owner " + content.owner() + ", signing key is " + OwnerKey.of(owner));
        }
        byte[] body = EntryCodec.encodeContent(content);
        byte[] message = new byte[SIGNATURE_CONTEXT.length + body.length];
        System.arraycopy(SIGNATURE_CONTEXT, 0, message, 0, SIGNATURE_CONTEXT.length);
        System.arraycopy(body, 0, message, SIGNATURE_CONTEXT.length, body.length);
        return new SignedEntry(content, owner.sign(message));
    }

    /** True if the signature is the owner's over this content. Never throws. */
    public boolean verifySignature() {
        Ed25519PublicKeyParameters key;
        try {
            key = new Ed25519PublicKeyParameters(content.owner().unsafeBytes(), 0);
        } catch (IllegalArgumentException e) {
            return false; // the owner key is not a point on the curve
        }
        return verifySignature(key);
    }

    /** With the owner's key already decoded (see {@link VerifierCache}); the caller matched it to the owner. */
    boolean verifySignature(Ed25519PublicKeyParameters ownerKey) {
        byte[] body;
        try {
            body = EntryCodec.encodeContent(content);
        } catch (IllegalArgumentException e) {
            return false; // too large to have been signed by a conforming encoder
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, ownerKey);
        verifier.update(SIGNATURE_CONTEXT, 0, SIGNATURE_CONTEXT.length);
        verifier.update(body, 0, body.length);
        return verifier.verifySignature(signature);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedEntry e && content.equals(e.content) && Arrays.equals(signature, e.signature);
    }

    @Override
    public int hashCode() {
        return content.hashCode() * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "SignedEntry[" + content + "]";
    }
}
