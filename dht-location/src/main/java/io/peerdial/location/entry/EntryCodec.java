package io.peerdial.location.entry;

import io.peerdial.location.entry.EntryFormatException.Reason;
import io.peerdial.overlay.identity.NodeKeyPair;
import java.nio.ByteBuffer;

/**
 * Canonical binary encoding of signed entries (docs/PROTOCOL.md, "Signed entries"). Big-endian,
 * fixed field order, every variable field length-prefixed, the one optional field announced by a
 * flag bit; so one entry has exactly one encoding and {@code encode(decode(b))} equals {@code b}.
 *
 * <pre>
 * u8 version=1 | u8 kind | u8 flags (bit0 tombstone, bit1 certificate; others 0)
 * key[20] | owner[32] | slot[20] | u64 seq | u64 issuedAt | u64 expiresAt
 * u16 payloadLength | payload | (if bit1) u16 certificateLength (&gt;0) | certificate
 * signature[64]
 * </pre>
 */
public final class EntryCodec {

    public static final int VERSION = 1;
    /** One entry fits one overlay datagram with room to spare. */
    public static final int MAX_ENCODED_BYTES = 1000;
    static final int FLAG_TOMBSTONE = 0x01;
    static final int FLAG_CERTIFICATE = 0x02;
    static final int FIXED_BYTES = 3 + 20 + 32 + 20 + 8 + 8 + 8 + 2;
    public static final int MIN_ENCODED_BYTES = FIXED_BYTES + NodeKeyPair.SIGNATURE_BYTES;

    private EntryCodec() {}

    /** Encoded size of the content without the signature. */
    static int contentSize(EntryContent c) {
        return FIXED_BYTES + c.payloadLength() + (c.hasCertificate() ? 2 + c.certificateLength() : 0);
    }

    /** The signed bytes (everything before the signature). Refuses content too large for one entry. */
    public static byte[] encodeContent(EntryContent c) {
        int size = contentSize(c);
        if (size + NodeKeyPair.SIGNATURE_BYTES > MAX_ENCODED_BYTES) {
            throw new IllegalArgumentException("entry would be " + (size + NodeKeyPair.SIGNATURE_BYTES)
                    + " bytes, at most " + MAX_ENCODED_BYTES + " fit one datagram: fewer contacts or a shorter payload");
        }
        byte[] out = new byte[size];
        writeContent(c, out);
        return out;
    }

    public static byte[] encode(SignedEntry e) {
        byte[] body = encodeContent(e.content());
        byte[] out = new byte[body.length + NodeKeyPair.SIGNATURE_BYTES];
        System.arraycopy(body, 0, out, 0, body.length);
        System.arraycopy(e.signature(), 0, out, body.length, NodeKeyPair.SIGNATURE_BYTES);
        return out;
    }

    private static void writeContent(EntryContent c, byte[] out) {
        ByteBuffer b = ByteBuffer.wrap(out); // big-endian by default
        b.put((byte) VERSION).put((byte) c.kind().code)
                .put((byte) ((c.tombstone() ? FLAG_TOMBSTONE : 0) | (c.hasCertificate() ? FLAG_CERTIFICATE : 0)));
        c.key().writeTo(out, 3);
        c.owner().writeTo(out, 23);
        c.slot().writeTo(out, 55);
        b.position(75);
        b.putLong(c.seq()).putLong(c.issuedAt()).putLong(c.expiresAt()).putShort((short) c.payloadLength());
        c.writePayload(out, b.position());
        b.position(b.position() + c.payloadLength());
        if (c.hasCertificate()) {
            b.putShort((short) c.certificateLength());
            c.writeCertificate(out, b.position());
        }
    }

    /** Decodes one entry; the signature is not checked here (see {@link SignedEntry#verifySignature()}). */
    public static SignedEntry decode(byte[] in) throws EntryFormatException {
        if (in.length > MAX_ENCODED_BYTES) {
            throw new EntryFormatException(Reason.OVERSIZED, in.length + " bytes, at most " + MAX_ENCODED_BYTES);
        }
        ByteReader r = new ByteReader(in);
        int version = r.u8("version");
        if (version != VERSION) throw new EntryFormatException(Reason.UNSUPPORTED_VERSION, "entry version " + version);
        int kindCode = r.u8("kind");
        EntryKind kind = EntryKind.ofCode(kindCode);
        if (kind == null) throw new EntryFormatException(Reason.UNKNOWN_KIND, "entry kind " + kindCode);
        int flags = r.u8("flags");
        if ((flags & ~(FLAG_TOMBSTONE | FLAG_CERTIFICATE)) != 0) {
            throw new EntryFormatException(Reason.RESERVED_FLAGS, "flags 0x" + Integer.toHexString(flags));
        }
        var key = r.nodeId("key");
        var owner = r.ownerKey("owner");
        var slot = r.nodeId("slot");
        long seq = r.u64("seq");
        long issuedAt = r.time("issuedAt");
        long expiresAt = r.time("expiresAt");
        if (expiresAt <= issuedAt) {
            throw new EntryFormatException(Reason.BAD_FIELD, "expiresAt " + expiresAt + " not after issuedAt " + issuedAt);
        }
        byte[] payload = r.bytes(r.u16("payload length"), "payload");
        byte[] certificate = new byte[0];
        if ((flags & FLAG_CERTIFICATE) != 0) {
            int n = r.u16("certificate length");
            if (n == 0) throw new EntryFormatException(Reason.BAD_FIELD, "certificate flag set with an empty certificate");
            if (n > EntryContent.MAX_CERTIFICATE_BYTES) {
                throw new EntryFormatException(Reason.BAD_FIELD, "certificate of " + n + " bytes, at most " + EntryContent.MAX_CERTIFICATE_BYTES);
            }
            certificate = r.bytes(n, "certificate");
        }
        byte[] signature = r.bytes(NodeKeyPair.SIGNATURE_BYTES, "signature");
        r.expectEnd("signature");
        var content = new EntryContent(kind, key, owner, slot, seq, issuedAt, expiresAt,
                (flags & FLAG_TOMBSTONE) != 0, payload, certificate);
        return new SignedEntry(content, signature);
    }
}
