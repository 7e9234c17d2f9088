package io.peerdial.relay.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless nonces (RFC 8489 §9.2, §9.2.4): "expiry-time (hex) + HMAC-SHA256(secret, expiry)
 * truncated". The server keeps no table; a nonce is valid until its expiry and only if this server
 * (this secret) made it. The secret comes from the injected generator, so tests are reproducible.
 */
final class Nonces {
    private static final int EXPIRY_HEX = 16;
    private static final int TAG_BYTES = 12;

    private final SecretKeySpec secret;
    private final long lifetimeMs;

    Nonces(RandomGenerator random, long lifetimeMs) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        this.secret = new SecretKeySpec(key, "HmacSHA256");
        this.lifetimeMs = lifetimeMs;
    }

    String issue(long now) {
        String expiry = String.format("%016x", now + lifetimeMs);
        return expiry + HexFormat.of().formatHex(tag(expiry));
    }

    /** True if this server issued {@code nonce} and it has not expired at {@code now}. */
    boolean isValid(String nonce, long now) {
        if (nonce.length() != EXPIRY_HEX + 2 * TAG_BYTES) {
            return false;
        }
        String expiry = nonce.substring(0, EXPIRY_HEX);
        byte[] tag;
        long expiresAt;
        try {
            tag = HexFormat.of().parseHex(nonce, EXPIRY_HEX, nonce.length());
            expiresAt = Long.parseUnsignedLong(expiry, 16);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(tag(expiry), tag) && now < expiresAt;
    }

    private byte[] tag(String expiry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            byte[] full = mac.doFinal(expiry.getBytes(StandardCharsets.US_ASCII));
            return java.util.Arrays.copyOf(full, TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        }
    }
}
