package io.peerdial.location.entry;

import io.peerdial.overlay.identity.NodeId;
import java.util.Arrays;
import java.util.Objects;

/**
 * Everything a signed entry says, before the signature: the signed part of the RELOAD-style
 * dictionary entry (RFC 6940 §7.2). Dictionary index under {@code key} = ({@code owner}, {@code slot}).
 *
 * @param kind        what the payload holds
 * @param key         DHT key the entry is stored under
 * @param owner       Ed25519 public key that signs the entry
 * @param slot        owner-chosen dictionary slot (device NodeId for a binding, value hash for a map value)
 * @param seq         unsigned 64-bit, strictly increasing per (owner, slot); compare with {@link Long#compareUnsigned}
 * @param issuedAt    ms since the epoch, at most 2^63-1
 * @param expiresAt   ms since the epoch, after {@code issuedAt}
 * @param tombstone   a signed removal of whatever (owner, slot) held with a lower seq
 * @param payload     kind-specific bytes (see the kind's codec)
 * @param certificate an owner certificate (domain certificate), or empty for none
 */
public record EntryContent(
        EntryKind kind, NodeId key, OwnerKey owner, NodeId slot, long seq, long issuedAt, long expiresAt,
        boolean tombstone, byte[] payload, byte[] certificate) {

    public static final int MAX_PAYLOAD_BYTES = EntryCodec.MAX_ENCODED_BYTES;
    public static final int MAX_CERTIFICATE_BYTES = 512;

    public EntryContent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(certificate, "certificate (empty for none)");
        if (issuedAt < 0 || expiresAt < 0) throw new IllegalArgumentException("times are unsigned ms since the epoch");
        if (expiresAt <= issuedAt) {
            throw new IllegalArgumentException("expiresAt " + expiresAt + " must be after issuedAt " + issuedAt);
        }
        if (payload.length > MAX_PAYLOAD_BYTES) throw new IllegalArgumentException("payload of " + payload.length + " bytes");
        if (certificate.length > MAX_CERTIFICATE_BYTES) {
            throw new IllegalArgumentException("certificate of " + certificate.length + " bytes, at most " + MAX_CERTIFICATE_BYTES);
        }
        payload = payload.clone();
        certificate = certificate.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public byte[] certificate() {
        return certificate.clone();
    }

    public boolean hasCertificate() {
        return certificate.length > 0;
    }

    public long lifetimeMs() {
        return expiresAt - issuedAt;
    }

    public boolean expiredAt(long now) {
        return expiresAt <= now;
    }

    /** Payload length without copying. */
    int payloadLength() {
        return payload.length;
    }

    void writePayload(byte[] out, int offset) {
        System.arraycopy(payload, 0, out, offset, payload.length);
    }

    void writeCertificate(byte[] out, int offset) {
        System.arraycopy(certificate, 0, out, offset, certificate.length);
    }

    int certificateLength() {
        return certificate.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EntryContent c && kind == c.kind && key.equals(c.key) && owner.equals(c.owner)
                && slot.equals(c.slot) && seq == c.seq && issuedAt == c.issuedAt && expiresAt == c.expiresAt
                && tombstone == c.tombstone && Arrays.equals(payload, c.payload) && Arrays.equals(certificate, c.certificate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, key, owner, slot, seq, issuedAt, expiresAt, tombstone)
                * 31 + Arrays.hashCode(payload) * 17 + Arrays.hashCode(certificate);
    }

    @Override
    public String toString() {
        return "EntryContent[" + kind + " key=" + key.shortHex() + " owner=" + owner.fingerprint() + " slot=" + slot.shortHex()
                + " seq=" + Long.toUnsignedString(seq) + " issuedAt=" + issuedAt + " expiresAt=" + expiresAt
                + (tombstone ? " tombstone" : "") + " payload=" + payload.length + "B"
                + (certificate.length > 0 ? " cert=" + certificate.length + "B" : "") + "]";
    }
}
