package io.peerdial.relay.credentials;

import io.peerdial.overlay.stun.StunIntegrity;
import io.peerdial.relay.server.Credentials;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived TURN credentials without per-credential state: username {@link TurnUsername}
 * "EXPIRY:NODEID", password = base64(HMAC-SHA256(relay secret, username)) (the TURN REST API
 * scheme with SHA-256 in place of SHA-1). The relay hands them out through the overlay exchange
 * ({@link CredentialIssuer}); the TURN core asks {@link #key(long, String, String)} and gets null
 * (401) for a malformed, expired or forged username. A sniffed password is worth nothing after
 * EXPIRY, and nothing at all before it unless the exchange itself leaked (it is sealed to the requester).
 */
public final class TurnRestCredentials implements Credentials {
    public static final int SECRET_BYTES = 32;
    private final SecretKeySpec secret;

    public TurnRestCredentials(byte[] secret) {
        if (secret.length < SECRET_BYTES) throw new IllegalArgumentException("the secret needs at least 32 bytes");
        this.secret = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** A fresh secret from {@code random} (a SecureRandom in production; seeded in tests and the simulator). */
    public static TurnRestCredentials random(RandomGenerator random) {
        byte[] s = new byte[SECRET_BYTES];
        for (int i = 0; i < s.length; i++) s[i] = (byte) random.nextInt(256);
        return new TurnRestCredentials(s);
    }

    public String password(String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }

    /** Without a time expiry cannot be checked: nobody gets in. The TURN core uses the timed lookup. */
    @Override
    public byte[] key(String username, String realm) {
        return null;
    }

    @Override
    public byte[] key(long now, String username, String realm) {
        var parsed = TurnUsername.parse(username);
        if (parsed.isEmpty() || parsed.get().expiresAtSeconds() > Long.MAX_VALUE / 1000 || parsed.get().expiresAtMs() <= now) {
            return null;
        }
        return StunIntegrity.longTermKey(username, realm, password(username));
    }
}
