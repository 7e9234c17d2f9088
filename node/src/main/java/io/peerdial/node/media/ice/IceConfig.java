package io.peerdial.node.media.ice;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How an {@link IceSession} gathers candidates and how long it waits.
 *
 * @param loopback     offer host candidates on 127.0.0.1 only (from {@link LoopbackHostHarvester}) instead
 *                     of ice4j's interface scan; for tests and the loopback demo, never for real deployments
 * @param stunServers  where to learn server-reflexive candidates: peerdial nodes answer STUN Binding on
 *                     their overlay UDP port
 * @param turnServers  where to allocate relay candidates (empty until relay discovery provides some)
 * @param failAfter    from {@link IceSession#start} to giving up if ICE has not completed
 * @param relayOnly    offer and pair only relay candidates (host candidates serve only as the base of the
 *                     TURN allocations): a direct path can then never be chosen. Tests use it to prove
 *                     the relay path on one host; it needs {@code loopback} (our own host harvester)
 */
public record IceConfig(boolean loopback, List<InetSocketAddress> stunServers, List<TurnServer> turnServers,
                        Duration failAfter, boolean relayOnly) {

    public static final Duration DEFAULT_FAIL_AFTER = Duration.ofSeconds(10);

    public IceConfig {
        stunServers = List.copyOf(stunServers);
        turnServers = List.copyOf(turnServers);
        Objects.requireNonNull(failAfter);
        if (failAfter.isNegative() || failAfter.isZero()) {
            throw new IllegalArgumentException("failAfter must be positive");
        }
        if (relayOnly && !loopback) {
            throw new IllegalArgumentException("relayOnly needs loopback host candidates (ice4j's own harvester pairs every host candidate)");
        }
    }

    public IceConfig(boolean loopback, List<InetSocketAddress> stunServers, List<TurnServer> turnServers, Duration failAfter) {
        this(loopback, stunServers, turnServers, failAfter, false);
    }

    /** ice4j's interface scan (no loopback), no STUN/TURN servers. */
    public static IceConfig defaults() {
        return new IceConfig(false, List.of(), List.of(), DEFAULT_FAIL_AFTER);
    }

    /** Loopback host candidates only, no STUN/TURN servers (tests, demo). */
    public static IceConfig loopbackOnly() {
        return new IceConfig(true, List.of(), List.of(), DEFAULT_FAIL_AFTER);
    }

    /**
     * Loopback host candidates exactly when the node itself runs on a loopback address, so that a
     * loopback candidate never leaks from a node that has real addresses.
     */
    public static IceConfig forNodeAddress(InetAddress nodeAddress) {
        return nodeAddress.isLoopbackAddress() ? loopbackOnly() : defaults();
    }

    public IceConfig withStunServers(List<InetSocketAddress> servers) {
        return new IceConfig(loopback, servers, turnServers, failAfter, relayOnly);
    }

    public IceConfig withTurnServers(List<TurnServer> servers) {
        return new IceConfig(loopback, stunServers, servers, failAfter, relayOnly);
    }

    public IceConfig withFailAfter(Duration d) {
        return new IceConfig(loopback, stunServers, turnServers, d, relayOnly);
    }

    /** Only relay candidates are offered and paired (see {@code relayOnly}); tests. */
    public IceConfig withRelayOnly(boolean only) {
        return new IceConfig(loopback, stunServers, turnServers, failAfter, only);
    }
}
