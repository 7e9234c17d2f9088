package io.peerdial.location.limit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per source (e.g. the writer's IP address): {@code ratePerSecond} writes per second
 * sustained, bursts of {@code burst}. Time comes in as {@code now} (ms). The number of sources
 * tracked is bounded: the least recently seen is forgotten (a forgotten source starts with a full
 * bucket, so the bound must exceed the number of concurrent writers worth limiting).
 *
 * @param <S> the source type; must have value equality
 */
public final class SourceRateLimiter<S> {

    private static final class Bucket {
        long milliTokens; // exact integer arithmetic: rate r/s adds r milli-tokens per ms
        long last;
    }

    private final long ratePerSecond;
    private final long capacity; // in milli-tokens
    private final Map<S, Bucket> buckets;

    public SourceRateLimiter(long ratePerSecond, int burst, int maxSources) {
        if (ratePerSecond < 1 || ratePerSecond > 1_000_000 || burst < 1 || maxSources < 1) {
            throw new IllegalArgumentException("need ratePerSecond in [1, 10^6], burst >= 1, maxSources >= 1");
        }
        this.ratePerSecond = ratePerSecond;
        this.capacity = burst * 1000L;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) { // access order: eldest = least recently seen
            @Override
            protected boolean removeEldestEntry(Map.Entry<S, Bucket> eldest) {
                return size() > maxSources;
            }
        };
    }

    /** Takes one token for {@code source} at {@code now}; false if its bucket is empty (refuse the write). */
    public boolean tryAcquire(long now, S source) {
        Bucket b = buckets.get(source);
        if (b == null) {
            b = new Bucket();
            b.milliTokens = capacity;
            b.last = now;
            buckets.put(source, b);
        } else if (now > b.last) { // a clock going backwards adds nothing
            long elapsed = Math.min(now - b.last, capacity); // rate >= 1: refills fully within capacity ms; no overflow
            b.milliTokens = Math.min(capacity, b.milliTokens + elapsed * ratePerSecond);
            b.last = now;
        }
        if (b.milliTokens < 1000) return false;
        b.milliTokens -= 1000;
        return true;
    }

    public int trackedSources() {
        return buckets.size();
    }
}
