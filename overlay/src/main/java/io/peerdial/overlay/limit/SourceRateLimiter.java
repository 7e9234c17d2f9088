package io.peerdial.overlay.limit;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@link TokenBucket} per source IP address (not per port: a flooder can pick ports freely),
 * for at most {@code maxSources} addresses; the least recently active is forgotten first, which
 * only ever gives a forgotten source a fresh, full bucket.
 */
public final class SourceRateLimiter {

    private final double rate;
    private final double burst;
    private final Map<InetAddress, TokenBucket> buckets;

    public SourceRateLimiter(double ratePerSecond, double burst, int maxSources) {
        if (maxSources < 1) throw new IllegalArgumentException("maxSources must be positive, got " + maxSources);
        new TokenBucket(ratePerSecond, burst, 0); // validates the parameters once, here
        this.rate = ratePerSecond;
        this.burst = burst;
        this.buckets = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, TokenBucket> eldest) {
                return size() > maxSources;
            }
        };
    }

    /** True if {@code source} may send one more request at {@code now}. */
    public boolean allow(InetAddress source, long now) {
        TokenBucket b = buckets.get(source);
        if (b == null) {
            b = new TokenBucket(rate, burst, now);
            buckets.put(source, b);
        }
        return b.tryAcquire(now);
    }
}
