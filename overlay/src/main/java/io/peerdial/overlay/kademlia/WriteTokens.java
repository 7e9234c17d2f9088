package io.peerdial.overlay.kademlia;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Write tokens (after BEP 5): a node hands each requester a token bound to the requester's
 * address; a STORE must echo a token issued to that same address in the last one or two periods.
 * So a STORE cannot come from a spoofed source address, and tokens need no per-requester state.
 * Token = first 64 bits of HMAC-SHA256(secret, ip || port); the secret rotates every period.
 */
final class WriteTokens {

    static final long ROTATION_MS = 5 * 60_000;

    private final RandomGenerator random;
    /** Keyed once per rotation: {@code doFinal} leaves a Mac ready for the next token with the same key. */
    private Mac current;
    private Mac previous;
    private long rotatedAt;

    WriteTokens(RandomGenerator random, long now) {
        this.random = random;
        this.current = newSecret();
        this.previous = current;
        this.rotatedAt = now;
    }

    long issue(long now, InetSocketAddress to) {
        rotate(now);
        return token(current, to);
    }

    boolean valid(long now, InetSocketAddress from, long token) {
        rotate(now);
        return token(current, from) == token || token(previous, from) == token;
    }

    private void rotate(long now) {
        if (now - rotatedAt >= ROTATION_MS) {
            previous = now - rotatedAt >= 2 * ROTATION_MS ? newSecret() : current;
            current = newSecret();
            rotatedAt = now;
        }
    }

    private Mac newSecret() {
        byte[] s = new byte[32];
        random.nextBytes(s);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(s, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    private static long token(Mac mac, InetSocketAddress address) {
        mac.update(address.getAddress().getAddress());
        mac.update((byte) (address.getPort() >>> 8));
        mac.update((byte) address.getPort());
        return ByteBuffer.wrap(mac.doFinal()).getLong();
    }
}
