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
        double tokens;
        long last;
    }

    private final double ratePerMs;
    private final double burst;
    private final Map<S, Bucket> buckets;

    public SourceRateLimiter(double ratePerSecond, int burst, int maxSources) {
        if (!(ratePerSecond > 0) || burst < 1 || maxSources < 1) {
            throw new IllegalArgumentException("need ratePerSecond > 0, burst >= 1, maxSources >= 1");
        }
        this.ratePerMs = ratePerSecond / 1000.0;
        this.burst = burst;
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
            b.tokens = burst;
            b.last = now;
            buckets.put(source, b);
        } else if (now > b.last) { // a clock going backwards adds nothing
            b.tokens = Math.min(burst, b.tokens + (now - b.last) * ratePerMs);
            b.last = now;
        }
        if (b.tokens < 1) return false;
        b.tokens -= 1;
        return true;
    }

    public int trackedSources() {
        return buckets.size();
    }
}
