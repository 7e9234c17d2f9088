package io.peerdial.node.control;

import io.peerdial.overlay.protocol.DatagramProtocol;
import io.peerdial.overlay.protocol.Transmit;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;

/** A fake core: counts datagrams and distinct senders (standing in for contacts); sends nothing. */
final class PeerCountingCore implements DatagramProtocol<Void> {
    final Set<InetSocketAddress> senders = new HashSet<>();
    long datagrams;

    @Override public void handleDatagram(long now, InetSocketAddress from, byte[] bytes) {
        datagrams++;
        senders.add(from);
    }
    @Override public void handleTimeout(long now) {}
    @Override public Transmit pollTransmit() { return null; }
    @Override public long pollTimeout() { return NO_TIMEOUT; }
    @Override public Void pollEvent() { return null; }
}
