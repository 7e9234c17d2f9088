package io.peerdial.overlay.kademlia;

import java.net.InetSocketAddress;
import java.util.random.RandomGenerator;
import org.bouncycastle.crypto.macs.SipHash;
import org.bouncycastle.crypto.params.KeyParameter;

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
 * is a handful of 64-bit rounds and allocates nothing but the address bytes. Tokens issued by an
 * older version of the node fail once (BAD_TOKEN) and the writer asks again.
 */
final class WriteTokens {

    static final long ROTATION_MS = 5 * 60_000;

    /**
     * One SipHash engine per thread, keyed for each token (keying reads two longs): a keyed engine
     * per node (two across a rotation) would add ~100 bytes of state to every simulated node. A
     * thread-local cache, not concurrency: a node's core still runs on one thread at a time.
     */
    private static final ThreadLocal<SipHash> SIPHASH = ThreadLocal.withInitial(SipHash::new); // 2-4

    private final RandomGenerator random;
    private KeyParameter current;
    private KeyParameter previous;
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

    /**
     * A fresh 128-bit key. Drawn as 32 bytes and folded in two, as many draws from the node's
     * generator as the HMAC's 256-bit secret took: a seeded simulation keeps the same random stream,
     * so its runs repeat those recorded before (docs/PERFORMANCE.md compares them).
     */
    private KeyParameter newSecret() {
        byte[] drawn = new byte[32];
        random.nextBytes(drawn);
        byte[] key = new byte[16];
        for (int i = 0; i < key.length; i++) key[i] = (byte) (drawn[i] ^ drawn[i + 16]);
        return new KeyParameter(key);
    }

    private static long token(KeyParameter secret, InetSocketAddress address) {
        SipHash h = SIPHASH.get();
        h.init(secret);
        byte[] ip = address.getAddress().getAddress();
        h.update(ip, 0, ip.length);
        h.update((byte) (address.getPort() >>> 8));
        h.update((byte) address.getPort());
        return h.doFinal();
    }
}
