package io.peerdial.node.sip;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The signature a node puts on every inter-node SIP request, carried in
 * {@code P-Peerdial-Identity: nodeid=<40 hex>;key=<64 hex>;ts=<ms>;sig=<base64url>} (a private
 * header in the spirit of RFC 8224's Identity, which signs with certificates we do not have).
 *
 * <p>Signed bytes (UTF-8): {@code "peerdial-sip-v1\n" method \n request-uri \n from \n to \n
 * call-id \n cseq \n ts \n base64url(SHA-256(body))} — see {@link #canonical}. A receiver checks
 * that the key hashes to nodeid, the signature, that ts is within ±{@link #WINDOW_MS} of its clock,
 * and (with {@link ReplayGuard}) that the exact signature was not seen before. Sans-IO: time comes in.
 */
public final class NodeSignature {

    public static final String HEADER = "P-Peerdial-Identity";
    /** Accepted clock difference between two nodes, both ways. */
    public static final long WINDOW_MS = 30_000;
    /** A well-formed header value is about 250 characters; anything much longer is refused unparsed. */
    public static final int MAX_HEADER_CHARS = 400;
    private static final String VERSION = "peerdial-sip-v1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    /** One digest per thread (SIP stack threads): getInstance looks the provider up on every call. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(NodeSignature::newSha256);
    /** Requests without a body (ACK, BYE, most responses' requests) all sign the same hash. */
    private static final String EMPTY_BODY_HASH = B64.encodeToString(newSha256().digest(new byte[0]));

    /** A parsed header: who claims to have signed, when, and the signature. */
    public record Claim(NodeId nodeId, byte[] publicKey, long timestamp, byte[] signature) {}

    private NodeSignature() {}

    /** The exact bytes signed for {@code fields} at {@code timestamp}. */
    public static byte[] canonical(SignedFields f, long timestamp) {
        String s = VERSION + "\n" + f.method() + "\n" + f.requestUri() + "\n" + f.from() + "\n" + f.to() + "\n"
                + f.callId() + "\n" + f.cseq() + "\n" + timestamp + "\n" + bodyHash(f.bodyUnsafe());
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The header value signing {@code fields} with {@code node} at {@code now}. */
    public static String sign(NodeKeyPair node, SignedFields fields, long now) {
        byte[] sig = node.sign(canonical(fields, now));
        return "nodeid=" + node.nodeId().toHex() + ";key=" + HexFormat.of().formatHex(node.publicKey())
                + ";ts=" + now + ";sig=" + B64.encodeToString(sig);
    }

    /** Parses a header value; never throws anything but {@link SignatureException} on peer input. */
    public static Claim parse(String value) throws SignatureException {
        Parsed p = parseFields(value);
        try {
            return new Claim(p.nodeId(), HexFormat.of().parseHex(p.keyHex()), p.timestamp(), p.signature());
        } catch (IllegalArgumentException e) { // bad hex
            throw new SignatureException(SignatureException.Reason.MALFORMED, e.getMessage());
        }
    }

    /** The header's fields, the key still in its hex form (the {@link SignerKeys} cache is keyed by it). */
    private record Parsed(NodeId nodeId, String keyHex, long timestamp, byte[] signature) {}

    private static Parsed parseFields(String value) throws SignatureException {
        if (value == null) throw new SignatureException(SignatureException.Reason.MISSING, "no " + HEADER + " header");
        if (value.length() > MAX_HEADER_CHARS) {
            throw new SignatureException(SignatureException.Reason.MALFORMED, "header longer than " + MAX_HEADER_CHARS);
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : value.strip().split(";", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0) throw new SignatureException(SignatureException.Reason.MALFORMED, "parameter without '=': " + part);
            String name = part.substring(0, eq).strip();
            if (params.put(name, part.substring(eq + 1).strip()) != null) {
                throw new SignatureException(SignatureException.Reason.MALFORMED, "repeated parameter " + name);
            }
        }
        try {
            String id = require(params, "nodeid");
            String key = require(params, "key");
            String ts = require(params, "ts");
            if (id.length() != 2 * NodeId.BYTES || key.length() != 2 * NodeKeyPair.PUBLIC_KEY_BYTES || ts.isEmpty() || ts.length() > 19
                    || !ts.chars().allMatch(Character::isDigit)) {
                throw new SignatureException(SignatureException.Reason.MALFORMED, "bad nodeid, key or ts length");
            }
            byte[] sig = Base64.getUrlDecoder().decode(require(params, "sig"));
            if (sig.length != NodeKeyPair.SIGNATURE_BYTES) {
                throw new SignatureException(SignatureException.Reason.MALFORMED, "signature of " + sig.length + " bytes");
            }
            if (!isHex(key)) throw new SignatureException(SignatureException.Reason.MALFORMED, "key is not hex");
            return new Parsed(NodeId.fromHex(id), key, Long.parseLong(ts), sig);
        } catch (IllegalArgumentException e) { // bad hex, base64 or a ts beyond long
            throw new SignatureException(SignatureException.Reason.MALFORMED, e.getMessage());
        }
    }

    /**
     * Verifies a header value over {@code fields}: key hashes to nodeid, timestamp within the
     * window around {@code now}, signature valid. Replays are the {@link ReplayGuard}'s job.
     */
    public static Claim verify(String value, SignedFields fields, long now) throws SignatureException {
        return verify(value, fields, now, null);
    }

    /**
     * {@link #verify(String, SignedFields, long)} with a cache of the keys that verified before
     * ({@code keys} may be null): the same checks, a known key is not decoded and hashed again.
     */
    public static Claim verify(String value, SignedFields fields, long now, SignerKeys keys) throws SignatureException {
        Parsed p = parseFields(value);
        SignerKeys.Known known = keys == null ? null : keys.get(p.keyHex());
        boolean cached = known != null;
        if (known == null || !known.nodeId().equals(p.nodeId())) {
            byte[] raw = HexFormat.of().parseHex(p.keyHex()); // checked hex by parseFields
            if (!NodeKeyPair.nodeIdOf(raw).equals(p.nodeId())) {
                throw new SignatureException(SignatureException.Reason.KEY_MISMATCH, "key does not hash to nodeid " + p.nodeId().shortHex());
            }
            known = SignerKeys.decode(p.keyHex(), p.nodeId());
            cached = false;
        }
        if (Math.abs(now - p.timestamp()) > WINDOW_MS) {
            throw new SignatureException(SignatureException.Reason.STALE, "timestamp " + p.timestamp() + " is "
                    + (now - p.timestamp()) + " ms from now");
        }
        byte[] message = canonical(fields, p.timestamp());
        // Ed25519 (RFC 8032 §5.1.7); a key that is no curve point (known == null) verifies nothing
        if (known == null || !known.key().verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, p.signature(), 0)) {
            throw new SignatureException(SignatureException.Reason.BAD_SIGNATURE, "signature of " + p.nodeId().shortHex() + " does not verify");
        }
        if (keys != null && !cached) keys.remember(p.keyHex(), known);
        return new Claim(p.nodeId(), known.publicKey().clone(), p.timestamp(), p.signature());
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) return false;
        }
        return true;
    }

    private static String require(Map<String, String> params, String name) throws SignatureException {
        String v = params.get(name);
        if (v == null) throw new SignatureException(SignatureException.Reason.MALFORMED, "missing parameter " + name);
        return v;
    }

    private static String bodyHash(byte[] body) {
        if (body.length == 0) return EMPTY_BODY_HASH;
        return B64.encodeToString(SHA256.get().digest(body));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
