package io.peerdial.overlay.limit;

/**
 * A token bucket on the caller's clock: {@code rate} tokens per second, at most {@code burst}.
 * Starts full. Not thread-safe.
 */
public final class TokenBucket {

    private final double ratePerMs;
    private final double burst;
    private double tokens;
    private long last;

    public TokenBucket(double ratePerSecond, double burst, long now) {
        if (!(ratePerSecond > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1, got " + ratePerSecond + ", " + burst);
        }
        this.ratePerMs = ratePerSecond / 1000.0;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    /** Takes one token if there is one at {@code now}. */
    public boolean tryAcquire(long now) {
        return tryAcquire(now, 1);
    }

    public boolean tryAcquire(long now, double cost) {
        if (now > last) {
            tokens = Math.min(burst, tokens + (now - last) * ratePerMs);
            last = now;
        }
        if (tokens >= cost) {
            tokens -= cost;
            return true;
        }
        return false;
    }
}
