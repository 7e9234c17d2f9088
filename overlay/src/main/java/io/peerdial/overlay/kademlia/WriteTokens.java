package io.peerdial.overlay.kademlia;

import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Write tokens (after BEP 5): a node hands each requester a token bound to the requester's
 * address; a STORE must echo a token issued to that same address in the last one or two periods.
 * So a STORE cannot come from a spoofed source address, and tokens need no per-requester state.
 * Token = first 64 bits of HMAC-SHA256(secret, ip || port); the secret rotates every period.
 */
final class WriteTokens {

    static final long ROTATION_MS = 5 * 60_000;

    /**
     * One HMAC engine per thread, keyed for each token: a keyed {@code Mac} per node (two across a
     * rotation) held ~0.7 KB each — more than the rest of a simulated node's fixed state — for one
     * extra SHA-256 block per token. A thread-local cache, not concurrency: a node's core still runs
     * on one thread at a time.
     */
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    });

    private final RandomGenerator random;
    private byte[] current;
    private byte[] previous;
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

    private byte[] newSecret() {
        byte[] s = new byte[32];
        random.nextBytes(s);
        return s;
    }

    private static long token(byte[] secret, InetSocketAddress address) {
        Mac mac = MAC.get();
        try {
            mac.init(new RawKey(secret));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a 32-byte HmacSHA256 key is always valid", e);
        }
        mac.update(address.getAddress().getAddress());
        mac.update((byte) (address.getPort() >>> 8));
        mac.update((byte) address.getPort());
        byte[] digest = mac.doFinal();
        long first64 = 0;
        for (int i = 0; i < 8; i++) first64 = first64 << 8 | (digest[i] & 0xFF); // big-endian, as ByteBuffer read it
        return first64;
    }

    /**
     * The secret as a key for one {@code Mac.init}: a {@code SecretKeySpec} would copy it once more
     * than the Mac's own copy ({@link #getEncoded}), on every token a node issues. Never kept, never
     * serialized.
     */
    private static final class RawKey implements SecretKey {
        private static final long serialVersionUID = 1L;
        private final transient byte[] secret;

        RawKey(byte[] secret) {
            this.secret = secret;
        }

        @Override
        public String getAlgorithm() {
            return "HmacSHA256";
        }

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            return secret.clone(); // the Mac zeroes its copy after use
        }
    }
}
