package io.peerdial.node.media.turn.net;

import io.peerdial.node.media.turn.AllocationMeter;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * One host candidate of ice4j talking to one TURN server through the tap: the upstream socket and
 * the meter of the allocation it holds (RFC 8656 §2.2: the server tells allocations apart by 5-tuple,
 * and each flow is one). Runs on the tap's thread only.
 */
abstract sealed class Flow permits UdpFlow, TcpFlow {
    final TurnTap.Entrance entrance;
    final SocketAddress client;
    final AllocationMeter meter;

    Flow(TurnTap.Entrance entrance, SocketAddress client, AllocationMeter meter) {
        this.entrance = entrance;
        this.client = client;
        this.meter = meter;
    }

    /** Forwards one datagram from ice4j (already metered) to the server. */
    abstract void toServer(byte[] b, int offset, int length);

    /** The upstream socket is ready (readable, writable or connected). */
    abstract void ready(SelectionKey key) throws IOException;

    abstract SelectableChannel channel();

    void close() {
        try {
            channel().close(); // also cancels its selection key
        } catch (IOException ignored) {
            // closing: nothing to do
        }
        entrance.closed(this);
    }
}
