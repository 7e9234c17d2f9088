package io.peerdial.overlay.kademlia;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.protocol.DatagramProtocol;
import io.peerdial.overlay.protocol.Transmit;
import io.peerdial.overlay.storage.StoragePolicy;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.random.RandomGenerator;

/** Kademlia node state machine (skeleton: being implemented). */
public final class OverlayNode implements DatagramProtocol<OverlayEvent> {

    public OverlayNode(OverlayConfig config, NodeKeyPair identity, StoragePolicy storage, RandomGenerator random) {
        throw new UnsupportedOperationException("TODO(core)");
    }

    public NodeId nodeId() { throw new UnsupportedOperationException(); }

    /** Joins through the given bootstrap addresses (none: first node of a new overlay). */
    public void join(long now, List<InetSocketAddress> bootstrap) { throw new UnsupportedOperationException(); }

    /** Starts an iterative FIND_NODE; returns the lookup id that its {@link OverlayEvent.LookupCompleted} carries. */
    public long findNode(long now, NodeId target) { throw new UnsupportedOperationException(); }

    /** Starts an iterative FIND_VALUE; completes with {@link OverlayEvent.ValuesFound}. */
    public long findValue(long now, NodeId key) { throw new UnsupportedOperationException(); }

    /** Looks up the k closest nodes to {@code key} and stores {@code value} on them; completes with {@link OverlayEvent.StoreCompleted}. */
    public long store(long now, NodeId key, byte[] value) { throw new UnsupportedOperationException(); }

    public OverlayStatus status() { throw new UnsupportedOperationException(); }

    @Override public void handleDatagram(long now, InetSocketAddress from, byte[] bytes) { throw new UnsupportedOperationException(); }
    @Override public void handleTimeout(long now) { throw new UnsupportedOperationException(); }
    @Override public Transmit pollTransmit() { throw new UnsupportedOperationException(); }
    @Override public long pollTimeout() { throw new UnsupportedOperationException(); }
    @Override public OverlayEvent pollEvent() { throw new UnsupportedOperationException(); }
}
