package io.peerdial.location.trust;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.entry.ByteReader;
import io.peerdial.location.entry.EntryFormatException;
import io.peerdial.location.entry.EntryFormatException.Reason;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.overlay.identity.NodeKeyPair;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * "The CA key of {@code domain} certifies user key {@code subject} for {@code domain} (for the one
 * user name {@code user}, or any when empty), valid in [validFrom, validUntil)": a compact signed
 * statement carried in an entry's certificate field. Simpler than X.509 and length-limited.
 *
 * <pre>
 * u8 version=1 | u8 domainLength | domain (lower case) | u8 userLength | user | subject[32]
 * | u64 validFrom | u64 validUntil | signature[64]
 * </pre>
 * The signature is Ed25519 by the CA key over {@link #SIGNATURE_CONTEXT} || everything before it.
 * The CA key is not carried: verifiers take it from their trust anchors.
 */
public record DomainCertificate(String domain, String user, OwnerKey subject, long validFrom, long validUntil, byte[] signature) {

    public static final int VERSION = 1;
    public static final byte[] SIGNATURE_CONTEXT = "peerdial-domain-cert-v1".getBytes(StandardCharsets.US_ASCII);

    public DomainCertificate {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(user, "user (empty for any)");
        Objects.requireNonNull(subject, "subject");
        if (domain.isEmpty() || domain.length() > 253 || !domain.equals(Aor.parse("x@" + domain).host())) {
            throw new IllegalArgumentException("domain must be a normalised host name: " + domain);
        }
        if (!user.isEmpty() && !user.equals(Aor.parse(user + "@" + domain).user())) {
            throw new IllegalArgumentException("user must be a normalised AOR user part: " + user);
        }
        if (user.getBytes(StandardCharsets.UTF_8).length > 255) throw new IllegalArgumentException("user too long");
        if (validFrom < 0 || validUntil <= validFrom) throw new IllegalArgumentException("empty validity [" + validFrom + ", " + validUntil + ")");
        if (signature.length != NodeKeyPair.SIGNATURE_BYTES) throw new IllegalArgumentException("signature must be 64 bytes");
        signature = signature.clone();
    }

    /** Signs a statement with the domain's CA key (see {@link DomainAuthority}). */
    static DomainCertificate sign(NodeKeyPair ca, String domain, String user, OwnerKey subject, long validFrom, long validUntil) {
        var unsigned = new DomainCertificate(domain, user, subject, validFrom, validUntil, new byte[NodeKeyPair.SIGNATURE_BYTES]);
        return new DomainCertificate(domain, user, subject, validFrom, validUntil, ca.sign(unsigned.signedMessage()));
    }

    /** True if {@code caKey} signed this certificate. Never throws. */
    public boolean verify(OwnerKey caKey) {
        return NodeKeyPair.verify(caKey.toBytes(), signedMessage(), signature);
    }

    /** True if this certificate speaks for {@code owner} publishing under {@code aor} at {@code now} (signature not checked). */
    public boolean covers(Aor aor, OwnerKey owner, long now) {
        return subject.equals(owner) && domain.equals(aor.host()) && (user.isEmpty() || user.equals(aor.user()))
                && validFrom <= now && now < validUntil;
    }

    private byte[] signedMessage() {
        byte[] body = body();
        byte[] m = Arrays.copyOf(SIGNATURE_CONTEXT, SIGNATURE_CONTEXT.length + body.length);
        System.arraycopy(body, 0, m, SIGNATURE_CONTEXT.length, body.length);
        return m;
    }

    private byte[] body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(VERSION);
        byte[] d = domain.getBytes(StandardCharsets.US_ASCII);
        out.write(d.length);
        out.writeBytes(d);
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        out.write(u.length);
        out.writeBytes(u);
        out.writeBytes(subject.toBytes());
        for (long v : new long[] {validFrom, validUntil}) for (int i = 7; i >= 0; i--) out.write((int) (v >>> (8 * i)));
        return out.toByteArray();
    }

    public byte[] encode() {
        byte[] body = body();
        byte[] out = Arrays.copyOf(body, body.length + signature.length);
        System.arraycopy(signature, 0, out, body.length, signature.length);
        return out;
    }

    public static DomainCertificate decode(byte[] in) throws EntryFormatException {
        ByteReader r = new ByteReader(in);
        int version = r.u8("certificate version");
        if (version != VERSION) throw new EntryFormatException(Reason.UNSUPPORTED_VERSION, "certificate version " + version);
        String domain = new String(r.bytes(r.u8("domain length"), "domain"), StandardCharsets.ISO_8859_1);
        byte[] user = r.bytes(r.u8("user length"), "user");
        OwnerKey subject = r.ownerKey("subject");
        long validFrom = r.time("validFrom");
        long validUntil = r.time("validUntil");
        byte[] signature = r.bytes(NodeKeyPair.SIGNATURE_BYTES, "certificate signature");
        r.expectEnd("certificate");
        String userText;
        try {
            userText = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(user)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new EntryFormatException(Reason.BAD_FIELD, "certificate user is not UTF-8");
        }
        try {
            return new DomainCertificate(domain, userText, subject, validFrom, validUntil, signature);
        } catch (IllegalArgumentException e) {
            throw new EntryFormatException(Reason.BAD_FIELD, "certificate: " + e.getMessage());
        }
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DomainCertificate c && Arrays.equals(c.encode(), encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }
}
