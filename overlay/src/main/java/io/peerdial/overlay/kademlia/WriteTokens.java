package io.peerdial.overlay.kademlia;

import java.net.InetSocketAddress;
import java.util.random.RandomGenerator;
import org.bouncycastle.crypto.macs.SipHash;

/**
 * Write tokens (after BEP 5): a node hands each requester a token bound to the requester's
 * address; a STORE must echo a token issued to that same address in the last one or two periods.
 * So a STORE cannot come from a spoofed source address, and tokens need no per-requester state.
 * Token = SipHash-2-4(secret, ip || port) (Aumasson &amp; Bernstein 2012, a keyed PRF made for short
 * inputs, 128-bit key, 64-bit output); the secret rotates every period.
 *
 * <p>Why SipHash and not HMAC-SHA256 (used before): only the issuing node ever checks a token, so
 * the function is this node's choice, and every FIND_NODE / FIND_VALUE answer issues one. Keying an
 * HMAC costs two SHA-256 blocks and a token two more, plus copies of the key and the digest; SipHash
 * is a handful of 64-bit rounds and allocates nothing but the address bytes. A node draws new
 * secrets at every start, so changing the function invalidates no token a restart would not.
 */
final class WriteTokens {

    static final long ROTATION_MS = 5 * 60_000;

    /**
     * One SipHash engine per thread, keyed for each token (keying sets two longs): a keyed engine
     * per node (two across a rotation) would add ~100 bytes of state to every simulated node. A
     * thread-local cache, not concurrency: a node's core still runs on one thread at a time.
     */
    private static final ThreadLocal<Engine> ENGINE = ThreadLocal.withInitial(Engine::new);

    private final RandomGenerator random;
    // the secrets as SipHash's two key words (the key's bytes read little-endian), in this object:
    // a KeyParameter and its array were two more objects to reach on every token
    private long current0, current1;
    private long previous0, previous1;
    private long rotatedAt;

    WriteTokens(RandomGenerator random, long now) {
        this.random = random;
        newSecret();
        previous0 = current0;
        previous1 = current1;
        this.rotatedAt = now;
    }

    long issue(long now, InetSocketAddress to) {
        rotate(now);
        return ENGINE.get().token(current0, current1, to);
    }

    boolean valid(long now, InetSocketAddress from, long token) {
        rotate(now);
        Engine e = ENGINE.get();
        return e.token(current0, current1, from) == token || e.token(previous0, previous1, from) == token;
    }

    private void rotate(long now) {
        if (now - rotatedAt >= ROTATION_MS) {
            // two periods or more: the last period's secret must not be honoured either, so the
            // previous one is fresh too (drawn first)
            if (now - rotatedAt >= 2 * ROTATION_MS) newSecret();
            previous0 = current0;
            previous1 = current1;
            newSecret();
            rotatedAt = now;
        }
    }

    /**
     * A fresh 128-bit key into {@code current}. Drawn as 32 bytes and folded in two, as many draws
     * from the node's generator as the HMAC's 256-bit secret took: a seeded simulation keeps the same
     * random stream, so its runs repeat those recorded before (docs/PERFORMANCE.md compares them).
     */
    private void newSecret() {
        byte[] drawn = new byte[32];
        random.nextBytes(drawn);
        current0 = littleEndian(drawn, 0) ^ littleEndian(drawn, 16);
        current1 = littleEndian(drawn, 8) ^ littleEndian(drawn, 24);
    }

    private static long littleEndian(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) v = v << 8 | (b[at + i] & 0xFF);
        return v;
    }

    /** BouncyCastle's SipHash-2-4, keyed from the two key words it keeps (what {@code init} sets from a key's bytes). */
    private static final class Engine extends SipHash {
        long token(long key0, long key1, InetSocketAddress address) {
            k0 = key0;
            k1 = key1;
            reset();
            byte[] ip = address.getAddress().getAddress();
            update(ip, 0, ip.length);
            update((byte) (address.getPort() >>> 8));
            update((byte) address.getPort());
            return doFinal();
        }
    }
}
