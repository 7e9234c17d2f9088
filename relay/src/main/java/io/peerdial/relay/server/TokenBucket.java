package io.peerdial.relay.server;

/**
 * Bytes-per-second limit with a burst, refilled from the {@code now} the caller passes (sans-IO).
 * A rate of 0 means unlimited.
 */
final class TokenBucket {
    private final long ratePerSecond;
    private final long burst;
    private long tokens;
    private long lastRefill;

    TokenBucket(long ratePerSecond, long burst, long now) {
        if (ratePerSecond < 0 || burst < 0) {
            throw new IllegalArgumentException("rate and burst must be >= 0");
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.tokens = burst;
        this.lastRefill = now;
    }

    /** Takes {@code bytes} if there are enough tokens; false means the datagram is over the limit. */
    boolean tryTake(long now, int bytes) {
        if (ratePerSecond == 0) {
            return true;
        }
        if (now > lastRefill) {
            long elapsed = now - lastRefill;
            // elapsed * rate can overflow only after ~290 years at 1 GB/s; clamp anyway
            long add = elapsed >= Long.MAX_VALUE / Math.max(1, ratePerSecond) ? burst : elapsed * ratePerSecond / 1000;
            if (add > 0) {
                tokens = Math.min(burst, tokens + add);
                lastRefill = now;
            }
        }
        if (tokens < bytes) {
            return false;
        }
        tokens -= bytes;
        return true;
    }
}
