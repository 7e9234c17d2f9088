package io.peerdial.node.media.anchor;

import io.peerdial.node.media.anchor.IceRestartException.Reason;
import io.peerdial.node.media.ice.IceAttributeException;
import io.peerdial.node.media.ice.IceDescription;
import io.peerdial.node.media.ice.IceSdpAttributes;
import io.peerdial.node.media.ice.IceSdpAttributes.Attribute;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The body of a node-originated ICE restart (docs/MEDIA.md "Relay failover"), Content-Type
 * {@value #CONTENT_TYPE}: RFC 8839 §5 attribute lines (reusing {@link IceSdpAttributes}) between a
 * line naming the call and a last line authenticating the rest:
 *
 * <pre>
 * a=x-peerdial-call-id:CALL-ID
 * a=ice-ufrag:…  a=ice-pwd:…  a=candidate:…  a=end-of-candidates
 * a=x-peerdial-auth:base64url(HMAC-SHA256(key, every byte before this line))
 * </pre>
 *
 * The key is the receiver's <em>current</em> ice-pwd (UTF-8), which only the two ends of the call know
 * (it travelled in their signed offer/answer and never appears on the media path, RFC 8445 §7.2.2 sends
 * only ufrags there): so a restart can only come from the other end of the call, whatever super-node
 * forwarded (and re-signed) it. The answer is authenticated the same way with the initiator's current
 * ice-pwd. Lines end with CRLF on encode; LF alone is accepted on decode. Pure functions, no IO.
 */
public final class IceRestartBody {

    public static final String CONTENT_TYPE = "application/x-peerdial-ice+sdp";
    public static final String CALL_ID = "x-peerdial-call-id";
    public static final String AUTH = "x-peerdial-auth";
    /** Larger than any description of ours (at most 64 candidates is already ~6 KiB), small enough to bound work. */
    public static final int MAX_BYTES = 8192;
    public static final int MAX_CALL_ID = 256;
    private static final int MAC_CHARS = 43; // 32 bytes, base64url without padding
    private static final String PREFIX = "a=";

    /** A decoded body; {@link #authenticatedBy} checks it. */
    public record Message(String callId, IceDescription description, byte[] signedPart, byte[] mac) {
        public Message {
            signedPart = signedPart.clone();
            mac = mac.clone();
        }

        /** RFC 2104 HMAC-SHA256 under {@code pwd}, compared in constant time. */
        public boolean authenticatedBy(String pwd) {
            return MessageDigest.isEqual(mac, hmac(pwd, signedPart));
        }

        @Override
        public byte[] signedPart() {
            return signedPart.clone();
        }

        @Override
        public byte[] mac() {
            return mac.clone();
        }
    }

    private IceRestartBody() {
    }

    /** The body for call {@code callId} carrying {@code description}, authenticated under {@code key} (the receiver's current ice-pwd). */
    public static byte[] encode(String callId, IceDescription description, String key) {
        if (!validCallId(callId)) throw new IllegalArgumentException("not a Call-ID: " + callId);
        StringBuilder sb = new StringBuilder();
        line(sb, new Attribute(CALL_ID, callId));
        for (Attribute a : IceSdpAttributes.encode(description)) line(sb, a);
        byte[] signed = sb.toString().getBytes(StandardCharsets.UTF_8);
        String mac = Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, signed));
        line(sb, new Attribute(AUTH, mac));
        byte[] out = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (out.length > MAX_BYTES) throw new IllegalArgumentException("description too large: " + out.length + " bytes");
        return out;
    }

    /** Parses a body from another node; length-limited; throws only {@link IceRestartException} on bad input. */
    public static Message decode(byte[] body) throws IceRestartException {
        if (body.length > MAX_BYTES) throw new IceRestartException(Reason.TOO_LARGE, body.length + " bytes");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new IceRestartException(Reason.MALFORMED_LINE, "not UTF-8");
        }
        String callId = null;
        String mac = null;
        int signedEnd = -1;
        List<Attribute> ice = new ArrayList<>();
        int pos = 0;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            int next = nl < 0 ? text.length() : nl + 1;
            String line = text.substring(pos, nl < 0 ? text.length() : (nl > pos && text.charAt(nl - 1) == '\r' ? nl - 1 : nl));
            if (mac != null) {
                if (!line.isEmpty() || next < text.length()) throw new IceRestartException(Reason.BAD_AUTH, AUTH + " is not the last line");
                pos = next;
                continue;
            }
            if (line.isEmpty()) throw new IceRestartException(Reason.MALFORMED_LINE, "empty line");
            Attribute a = attribute(line);
            if (a.name().equals(CALL_ID)) {
                if (callId != null) throw new IceRestartException(Reason.DUPLICATE, CALL_ID);
                if (a.value() == null || !validCallId(a.value())) throw new IceRestartException(Reason.BAD_CALL_ID, "bad Call-ID");
                callId = a.value();
            } else if (a.name().equals(AUTH)) {
                mac = a.value() == null ? "" : a.value();
                signedEnd = pos;
            } else {
                ice.add(a);
            }
            pos = next;
        }
        if (callId == null) throw new IceRestartException(Reason.BAD_CALL_ID, CALL_ID + " missing");
        if (mac == null) throw new IceRestartException(Reason.BAD_AUTH, AUTH + " missing");
        byte[] macBytes = macBytes(mac);
        IceDescription description;
        try {
            description = IceSdpAttributes.decode(ice);
        } catch (IceAttributeException e) {
            throw new IceRestartException(Reason.BAD_ICE, e.getMessage(), e);
        }
        byte[] signed = text.substring(0, signedEnd).getBytes(StandardCharsets.UTF_8);
        return new Message(callId, description, signed, macBytes);
    }

    private static Attribute attribute(String line) throws IceRestartException {
        if (line.length() > IceSdpAttributes.MAX_VALUE_LENGTH + 64) throw new IceRestartException(Reason.TOO_LARGE, "line of " + line.length() + " chars");
        if (!line.startsWith(PREFIX)) throw new IceRestartException(Reason.MALFORMED_LINE, "not an a= line");
        String rest = line.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        String name = colon < 0 ? rest : rest.substring(0, colon);
        if (name.isEmpty() || !name.chars().allMatch(c -> c == '-' || c == '_' || c == '.' || Character.isLetterOrDigit(c) && c < 128)) {
            throw new IceRestartException(Reason.MALFORMED_LINE, "bad attribute name");
        }
        return new Attribute(name, colon < 0 ? null : rest.substring(colon + 1));
    }

    private static byte[] macBytes(String mac) throws IceRestartException {
        if (mac.length() != MAC_CHARS) throw new IceRestartException(Reason.BAD_AUTH, "not " + MAC_CHARS + " base64url chars");
        try {
            return Base64.getUrlDecoder().decode(mac);
        } catch (IllegalArgumentException e) {
            throw new IceRestartException(Reason.BAD_AUTH, "not base64url");
        }
    }

    /** RFC 3261 §25.1: Call-ID = word [ "@" word ]; we accept its visible ASCII characters, bounded. */
    static boolean validCallId(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_CALL_ID) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 127) return false;
        }
        return true;
    }

    private static void line(StringBuilder sb, Attribute a) {
        sb.append(PREFIX).append(a.name());
        if (a.value() != null) sb.append(':').append(a.value());
        sb.append("\r\n");
    }

    static byte[] hmac(String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.isEmpty() ? new byte[1] : key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
        }
    }
}
