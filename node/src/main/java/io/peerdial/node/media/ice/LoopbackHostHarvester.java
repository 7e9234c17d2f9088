package io.peerdial.node.media.ice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import org.ice4j.Transport;
import org.ice4j.ice.Component;
import org.ice4j.ice.ComponentSocket;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.harvest.AbstractCandidateHarvester;
import org.ice4j.socket.IceSocketWrapper;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.socket.MultiplexingDatagramSocket;

/**
 * A host-candidate harvester for a loopback address, which ice4j's own {@code HostCandidateHarvester}
 * refuses (it skips loopback interfaces and addresses). It does what that harvester does per address:
 * bind a {@link MultiplexingDatagramSocket} (so STUN checks and media share the port), wrap it in a
 * {@link HostCandidate}, add it to the component, register its STUN view with the agent's StunStack
 * (connectivity checks, STUN gathering) and add it to the component's merging socket (media).
 */
final class LoopbackHostHarvester extends AbstractCandidateHarvester {

    private final InetAddress address;
    private final boolean pairable;

    LoopbackHostHarvester(InetAddress address) {
        this(address, true);
    }

    /**
     * {@code pairable} false: the candidate is only a base for TURN allocations (relay-only, see
     * {@link IceConfig#relayOnly()}): it reaches no remote candidate, so ice4j forms no pair with it.
     */
    LoopbackHostHarvester(InetAddress address, boolean pairable) {
        this.pairable = pairable;
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("not a loopback address: " + address);
        }
        this.address = address;
    }

    /** Registered with {@code Agent.addCandidateHarvester}, a host harvester runs in {@code createComponent}. */
    @Override
    public boolean isHostHarvester() {
        return true;
    }

    @Override
    public Collection<LocalCandidate> harvest(Component component) {
        IceSocketWrapper socket;
        try {
            socket = new IceUdpSocketWrapper(new MultiplexingDatagramSocket(0, address)); // ephemeral port
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback host candidate on " + address, e);
        }
        HostCandidate candidate = pairable ? new HostCandidate(socket, component, Transport.UDP)
                : new BaseOnlyHostCandidate(socket, component);
        component.addLocalCandidate(candidate);
        candidate.getStunStack().addSocket(candidate.getStunSocket(null));
        ComponentSocket merging = component.getComponentSocket();
        if (merging != null) {
            merging.add(socket);
        }
        return List.of(candidate);
    }

    /** A host candidate that pairs with nothing: ice4j's check list asks {@code canReach} for every pair. */
    private static final class BaseOnlyHostCandidate extends HostCandidate {
        BaseOnlyHostCandidate(IceSocketWrapper socket, Component component) {
            super(socket, component, Transport.UDP);
        }

        @Override
        public boolean canReach(org.ice4j.ice.Candidate<?> remote) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "LoopbackHostHarvester[" + address.getHostAddress() + "]";
    }
}
