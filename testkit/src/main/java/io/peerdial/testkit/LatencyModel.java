package io.peerdial.testkit;

import java.net.InetSocketAddress;
import java.util.random.RandomGenerator;

/**
 * One-way delay of a datagram in the {@link InMemoryNetwork}, in milliseconds (0 or more).
 *
 * <p>{@code random} is the network's scheduling generator, derived from its seed: a model that needs
 * randomness must draw from it (never from a generator of its own), so that one seed replays a run.
 */
@FunctionalInterface
public interface LatencyModel {

    /** Delay for a datagram sent now from {@code from} to {@code to}; must be {@code >= 0}. */
    long latency(InetSocketAddress from, InetSocketAddress to, RandomGenerator random);

    /** Every datagram takes exactly {@code millis}. */
    static LatencyModel constant(long millis) {
        requireRange(millis, millis);
        return (from, to, random) -> millis;
    }

    /** Each datagram independently takes a uniform delay in {@code [minMillis, maxMillis]} (so they may be reordered). */
    static LatencyModel uniform(long minMillis, long maxMillis) {
        requireRange(minMillis, maxMillis);
        if (minMillis == maxMillis) {
            return constant(minMillis);
        }
        long bound = maxMillis + 1;
        return (from, to, random) -> random.nextLong(minMillis, bound);
    }

    /**
     * A fixed delay per unordered pair of addresses, spread over {@code [minMillis, maxMillis]} by a hash of
     * both addresses and {@code seed}: symmetric, stable for the whole run, no draw from the generator
     * (a crude stand-in for geography).
     */
    static LatencyModel perPair(long minMillis, long maxMillis, long seed) {
        requireRange(minMillis, maxMillis);
        long span = maxMillis - minMillis + 1;
        return (from, to, random) -> {
            long a = Mix.address(from);
            long b = Mix.address(to);
            long h = Mix.mix64(seed ^ Mix.mix64(Math.min(a, b) * 31 + Math.max(a, b)));
            return minMillis + Math.floorMod(h, span);
        };
    }

    private static void requireRange(long min, long max) {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("need 0 <= min <= max, got [" + min + ", " + max + "]");
        }
    }
}
