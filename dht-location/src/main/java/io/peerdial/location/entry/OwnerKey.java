package io.peerdial.location.entry;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.util.encoders.Base32;

/**
 * An owner's Ed25519 public key (32 bytes) as an immutable value, usable as a map key. Its
 * fingerprint names self-certifying AORs: lowercase RFC 4648 §6 base32, without padding, of the
 * first 160 bits of SHA-256(key) — 20 bytes, exactly 32 characters.
 */
public final class OwnerKey {

    public static final int BYTES = NodeKeyPair.PUBLIC_KEY_BYTES;
    public static final int FINGERPRINT_CHARS = 32;

    private final byte[] key;
    private final int hash;

    private OwnerKey(byte[] key) {
        this.key = key;
        this.hash = Arrays.hashCode(key);
    }

    public static OwnerKey of(byte[] publicKey) {
        if (publicKey.length != BYTES) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, got " + publicKey.length);
        }
        return new OwnerKey(publicKey.clone());
    }

    public static OwnerKey of(NodeKeyPair keyPair) {
        return new OwnerKey(keyPair.publicKey());
    }

    /** Reads 32 bytes at {@code offset}; the caller has checked the length. */
    static OwnerKey read(byte[] bytes, int offset) {
        return new OwnerKey(Arrays.copyOfRange(bytes, offset, offset + BYTES));
    }

    public byte[] toBytes() {
        return key.clone();
    }

    void writeTo(byte[] out, int offset) {
        System.arraycopy(key, 0, out, offset, BYTES);
    }

    /** Raw key bytes, not copied: for signature verification inside this module only. */
    byte[] unsafeBytes() {
        return key;
    }

    /** First 160 bits of SHA-256(key): the owner's ID in the key space. */
    public NodeId id() {
        return NodeId.sha256Prefix(key);
    }

    /** Lowercase unpadded base32 of {@link #id()}, the host label of self-certifying AORs. */
    public String fingerprint() {
        return Base32.toBase32String(id().toBytes()).toLowerCase(Locale.ROOT);
    }

    public String toHex() {
        return HexFormat.of().formatHex(key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OwnerKey k && Arrays.equals(k.key, key);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "OwnerKey[" + fingerprint() + "]";
    }
}
