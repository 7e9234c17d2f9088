package io.peerdial.testkit;

import java.net.InetSocketAddress;
import java.util.random.RandomGenerator;

/**
 * Decides whether the {@link InMemoryNetwork} loses a datagram. Like {@link LatencyModel}, a model that
 * needs randomness must draw from the {@code random} it is given (the network's seeded generator).
 */
@FunctionalInterface
public interface LossModel {

    /** True when the datagram from {@code from} to {@code to} sent now is lost. */
    boolean isLost(InetSocketAddress from, InetSocketAddress to, RandomGenerator random);

    /** Nothing is lost (and nothing is drawn from the generator). */
    static LossModel none() {
        return (from, to, random) -> false;
    }

    /** Each datagram is lost independently with {@code probability} in {@code [0, 1]}. */
    static LossModel independent(double probability) {
        if (!(probability >= 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("probability must be in [0, 1]: " + probability);
        }
        if (probability == 0.0) {
            return none();
        }
        return (from, to, random) -> random.nextDouble() < probability;
    }
}
