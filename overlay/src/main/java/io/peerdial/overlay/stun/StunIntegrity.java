package io.peerdial.overlay.stun;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys for, and computation and checks of, MESSAGE-INTEGRITY (HMAC-SHA1, RFC 8489 §14.5) and
 * MESSAGE-INTEGRITY-SHA256 (§14.6). The HMAC covers the raw message up to the attribute, with the
 * header's length field set as if the attribute were the last one; checks therefore run on the
 * bytes as received, padding included.
 *
 * <p>Strings are used as given: the caller applies OpaqueString (RFC 8265) to passwords and
 * realms, which changes only unusual input (RFC 5769 §2.4 gives its password already prepared).
 */
public final class StunIntegrity {

    private StunIntegrity() {}

    /** Short-term credential key: the password itself (RFC 8489 §9.1.1). */
    public static byte[] shortTermKey(String password) {
        return password.getBytes(StandardCharsets.UTF_8);
    }

    /** Long-term key for the MD5 password algorithm: MD5(username ":" realm ":" password) (RFC 8489 §9.2.2). */
    public static byte[] longTermKey(String username, String realm, String password) {
        return digest("MD5", username, realm, password);
    }

    /** Long-term key for the SHA-256 password algorithm (RFC 8489 §9.2.2, PASSWORD-ALGORITHM 0x0002). */
    public static byte[] longTermKeySha256(String username, String realm, String password) {
        return digest("SHA-256", username, realm, password);
    }

    /** Appends MESSAGE-INTEGRITY (HMAC-SHA1) to an encoded message that has no FINGERPRINT yet. */
    public static byte[] appendSha1(byte[] message, byte[] key) {
        return append(message, key, "HmacSHA1", StunAttributeTypes.MESSAGE_INTEGRITY, MessageIntegrity.LENGTH);
    }

    /** Appends MESSAGE-INTEGRITY-SHA256 with the full 32-byte HMAC. */
    public static byte[] appendSha256(byte[] message, byte[] key) {
        return appendSha256(message, key, MessageIntegritySha256.MAX_LENGTH);
    }

    /** Appends MESSAGE-INTEGRITY-SHA256 truncated to {@code length} bytes (16-32, steps of 4; RFC 8489 §14.6). */
    public static byte[] appendSha256(byte[] message, byte[] key, int length) {
        if (!MessageIntegritySha256.validLength(length)) {
            throw new IllegalArgumentException("MESSAGE-INTEGRITY-SHA256 length must be 16-32 in steps of 4: " + length);
        }
        return append(message, key, "HmacSHA256", StunAttributeTypes.MESSAGE_INTEGRITY_SHA256, length);
    }

    /** True if the first MESSAGE-INTEGRITY of {@code message} matches {@code key}; false for any other input. */
    public static boolean checkSha1(byte[] message, byte[] key) {
        int at = RawAttributes.find(message, StunAttributeTypes.MESSAGE_INTEGRITY);
        if (at == RawAttributes.NOT_FOUND || RawAttributes.valueLength(message, at) != MessageIntegrity.LENGTH) {
            return false;
        }
        return matches(message, at, key, "HmacSHA1", MessageIntegrity.LENGTH);
    }

    /** True if the first MESSAGE-INTEGRITY-SHA256 matches {@code key} (compared over its own, possibly truncated, length). */
    public static boolean checkSha256(byte[] message, byte[] key) {
        int at = RawAttributes.find(message, StunAttributeTypes.MESSAGE_INTEGRITY_SHA256);
        if (at == RawAttributes.NOT_FOUND || !MessageIntegritySha256.validLength(RawAttributes.valueLength(message, at))) {
            return false;
        }
        return matches(message, at, key, "HmacSHA256", RawAttributes.valueLength(message, at));
    }

    private static boolean matches(byte[] message, int at, byte[] key, String algorithm, int length) {
        byte[] expected = hmac(message, at, length, key, algorithm);
        byte[] received = Arrays.copyOfRange(message, at + 4, at + 4 + length);
        return MessageDigest.isEqual(Arrays.copyOf(expected, length), received); // constant time
    }

    private static byte[] append(byte[] message, byte[] key, String algorithm, int type, int length) {
        checkEncoded(message);
        byte[] out = Arrays.copyOf(message, message.length + 4 + length);
        out[message.length] = (byte) (type >>> 8);
        out[message.length + 1] = (byte) type;
        out[message.length + 3] = (byte) length;
        byte[] mac = hmac(message, message.length, length, key, algorithm);
        System.arraycopy(mac, 0, out, message.length + 4, length);
        StunEncoder.setLength(out, out.length - StunDecoder.HEADER_LENGTH);
        return out;
    }

    /**
     * HMAC over {@code message[0, at)} with the length field patched to end just after an
     * attribute of {@code length} bytes at {@code at} (RFC 8489 §14.5, §14.6).
     */
    private static byte[] hmac(byte[] message, int at, int length, byte[] key, String algorithm) {
        Objects.requireNonNull(key, "key");
        if (key.length == 0) {
            throw new IllegalArgumentException("empty integrity key");
        }
        byte[] covered = Arrays.copyOf(message, at);
        StunEncoder.setLength(covered, at - StunDecoder.HEADER_LENGTH + 4 + length);
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(covered);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is required of every JDK", e);
        }
    }

    /** An encoded message we can append to: a consistent header and no FINGERPRINT (which must stay last). */
    static void checkEncoded(byte[] message) {
        if (message.length < StunDecoder.HEADER_LENGTH || message.length % 4 != 0
                || StunDecoder.readInt(message, 4) != StunDecoder.MAGIC_COOKIE
                || StunDecoder.readShort(message, 2) != message.length - StunDecoder.HEADER_LENGTH) {
            throw new IllegalArgumentException("not an encoded STUN message");
        }
        if (RawAttributes.find(message, StunAttributeTypes.FINGERPRINT) != RawAttributes.NOT_FOUND) {
            throw new IllegalArgumentException("message has a FINGERPRINT already; it must stay last (RFC 8489 §14.7)");
        }
        if (message.length + 4 + MessageIntegritySha256.MAX_LENGTH - StunDecoder.HEADER_LENGTH > 0xFFFF) {
            throw new IllegalArgumentException("message too long to append to");
        }
    }

    private static byte[] digest(String algorithm, String username, String realm, String password) {
        String input = Objects.requireNonNull(username, "username") + ":" + Objects.requireNonNull(realm, "realm")
                + ":" + Objects.requireNonNull(password, "password");
        try {
            return MessageDigest.getInstance(algorithm).digest(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is required of every JDK", e);
        }
    }
}
