package io.peerdial.benchmarks;

import io.peerdial.overlay.protocol.DatagramProtocol;
import io.peerdial.overlay.protocol.Transmit;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * A core that sends every datagram back unchanged: run under {@code UdpRuntime} in place of an
 * {@code OverlayNode}, it measures what the event loop and the kernel cost per request, without
 * any protocol work (FindNodeLoad {@code core=echo}).
 */
final class EchoCore implements DatagramProtocol<Void> {

    private final ArrayDeque<Transmit> out = new ArrayDeque<>();

    @Override
    public void handleDatagram(long now, InetSocketAddress from, byte[] bytes) {
        out.add(new Transmit(from, bytes));
    }

    @Override
    public void handleTimeout(long now) {}

    @Override
    public Transmit pollTransmit() {
        return out.poll();
    }

    @Override
    public long pollTimeout() {
        return NO_TIMEOUT;
    }

    @Override
    public Void pollEvent() {
        return null;
    }
}
