package io.peerdial.overlay.limit;

import java.net.InetAddress;

/**
 * Per-source-IP token buckets (not per port: a flooder picks ports freely) in a fixed number of
 * slots: a source's bucket is the slot its address hashes to under a secret salt. Memory is fixed
 * and allocation-free on the hot path whatever the number of sources, which a node under a spoofed
 * flood needs (and the simulator, with 10^6 nodes, too). Two sources sharing a slot share a
 * bucket; the salt keeps an attacker from choosing to share a victim's (as Linux's hashlimit and
 * DNS response-rate limiting do). Not thread-safe.
 */
public final class SourceRateLimiter {

    private final double ratePerMs;
    private final double burst;
    private final long salt;
    private final int mask;
    /**
     * Per slot, side by side: the tokens left (a double's raw bits) and when they were counted
     * (Long.MIN_VALUE: never). One array, so one cache line per request on a cold node, and one
     * array header per node.
     */
    private final long[] buckets;

    /**
     * @param slots number of buckets, rounded up to a power of two
     * @param salt  secret hash salt: from the node's (seeded or secure) random generator
     */
    public SourceRateLimiter(double ratePerSecond, double burst, int slots, long salt) {
        if (!(ratePerSecond > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1, got " + ratePerSecond + ", " + burst);
        }
        if (slots < 1 || slots > (1 << 24)) throw new IllegalArgumentException("slots must be in [1, 2^24], got " + slots);
        int size = slots == 1 ? 1 : Integer.highestOneBit(slots - 1) << 1;
        this.ratePerMs = ratePerSecond / 1000.0;
        this.burst = burst;
        this.salt = salt;
        this.mask = size - 1;
        this.buckets = new long[2 * size];
        long full = Double.doubleToRawLongBits(burst);
        for (int i = 0; i < buckets.length; i += 2) {
            buckets[i] = full;
            buckets[i + 1] = Long.MIN_VALUE;
        }
    }

    /** True if {@code source} may send one more request at {@code now}. */
    public boolean allow(InetAddress source, long now) {
        int i = 2 * slot(source);
        double tokens = Double.longBitsToDouble(buckets[i]);
        long last = buckets[i + 1];
        if (last == Long.MIN_VALUE) {
            buckets[i + 1] = now;
        } else if (now > last) {
            tokens = Math.min(burst, tokens + (now - last) * ratePerMs);
            buckets[i + 1] = now;
        }
        if (tokens >= 1) {
            buckets[i] = Double.doubleToRawLongBits(tokens - 1);
            return true;
        }
        buckets[i] = Double.doubleToRawLongBits(tokens);
        return false;
    }

    public int slots() {
        return mask + 1;
    }

    private int slot(InetAddress source) {
        long h = source.hashCode() ^ salt; // IPv4: the address itself; IPv6: a hash of its bytes
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL; // MurmurHash3 fmix64
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return (int) (h ^ (h >>> 33)) & mask;
    }
}
