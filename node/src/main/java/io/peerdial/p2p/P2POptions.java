package io.peerdial.p2p;

import io.peerdial.node.daemon.Role;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How {@link P2PServerSocket#bind} runs its embedded node.
 *
 * @param dataDir        where the node and user keys live (created on first use); the user key is the identity
 * @param listen         the overlay's UDP address (port 0: any); its node face takes the port + 1
 * @param bootstrap      nodes to join through (empty: the first node of a new overlay)
 * @param name           the user part of the endpoint's self-certifying address
 * @param role           the node's overlay role (AUTO: super-node when publicly reachable)
 * @param iceTimeout     how long ICE may take before {@link ConnectivityException.Outcome#ICE_TIMEOUT}
 * @param hostCandidates whether to offer host candidates; false keeps local addresses private (only
 *                       server-reflexive and relay candidates are offered)
 * @param relays         whether to ask a super-node's TURN relay (found through the DHT) for a relay candidate
 *                       for each connection; needed behind symmetric NATs, costs a relay look-up per connection
 * @param relayOnlyForTests TESTS AND BENCHMARKS ONLY, loopback nodes only: with {@code relays}, offer and pair
 *                       only relay candidates so that the path is always RELAYED ({@code IceConfig.relayOnly});
 *                       never set it in an application (a direct path is always better)
 */
public record P2POptions(Path dataDir, InetSocketAddress listen, List<InetSocketAddress> bootstrap, String name, Role role,
                         Duration iceTimeout, boolean hostCandidates, boolean relays,
                         boolean relayOnlyForTests) {

    public P2POptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(listen, "listen");
        bootstrap = List.copyOf(bootstrap);
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || !name.matches("[A-Za-z0-9._~-]{1,64}")) {
            throw new IllegalArgumentException("name: 1-64 characters of A-Z a-z 0-9 . _ ~ -: " + name);
        }
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(iceTimeout, "iceTimeout");
        if (iceTimeout.isNegative() || iceTimeout.isZero()) {
            throw new IllegalArgumentException("iceTimeout must be positive");
        }
        if (relayOnlyForTests && (!relays || !listen.getAddress().isLoopbackAddress())) {
            throw new IllegalArgumentException("relayOnlyForTests needs relays and a loopback listen address");
        }
    }

    /** Data in {@code dataDir}, any port on every interface, no bootstrap, name "p2p", role AUTO, ICE 10 s, host candidates, no relays. */
    public static P2POptions of(Path dataDir) {
        return new P2POptions(dataDir, new InetSocketAddress(0), List.of(), "p2p", Role.AUTO, Duration.ofSeconds(10), true, false, false);
    }

    public P2POptions withListen(InetSocketAddress address) {
        return new P2POptions(dataDir, address, bootstrap, name, role, iceTimeout, hostCandidates, relays, relayOnlyForTests);
    }

    /** Listens on loopback only, any port (tests and single-host use). */
    public P2POptions onLoopback() {
        return withListen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    public P2POptions withBootstrap(List<InetSocketAddress> nodes) {
        return new P2POptions(dataDir, listen, nodes, name, role, iceTimeout, hostCandidates, relays, relayOnlyForTests);
    }

    public P2POptions withName(String n) {
        return new P2POptions(dataDir, listen, bootstrap, n, role, iceTimeout, hostCandidates, relays, relayOnlyForTests);
    }

    public P2POptions withRole(Role r) {
        return new P2POptions(dataDir, listen, bootstrap, name, r, iceTimeout, hostCandidates, relays, relayOnlyForTests);
    }

    public P2POptions withIceTimeout(Duration d) {
        return new P2POptions(dataDir, listen, bootstrap, name, role, d, hostCandidates, relays, relayOnlyForTests);
    }

    public P2POptions withHostCandidates(boolean offer) {
        return new P2POptions(dataDir, listen, bootstrap, name, role, iceTimeout, offer, relays, relayOnlyForTests);
    }

    /**
     * TESTS AND BENCHMARKS ONLY (see {@code relayOnlyForTests}): relays on, and only relay candidates offered and
     * paired, so that a loopback pair is forced through the TURN relay.
     */
    public P2POptions withRelayOnlyForTests() {
        return new P2POptions(dataDir, listen, bootstrap, name, role, iceTimeout, hostCandidates, true, true);
    }

    public P2POptions withRelays(boolean use) {
        return new P2POptions(dataDir, listen, bootstrap, name, role, iceTimeout, hostCandidates, use, relayOnlyForTests);
    }
}
