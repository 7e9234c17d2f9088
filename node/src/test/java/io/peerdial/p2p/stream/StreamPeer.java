package io.peerdial.p2p.stream;

import io.peerdial.overlay.protocol.DatagramProtocol;
import io.peerdial.overlay.protocol.Transmit;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A {@link StreamConnection} plus a scripted application, as a core the testkit's InMemoryNetwork can drive:
 * after every interaction it writes what it still has to send (closing after it, if asked) and, unless
 * reading is paused, reads everything available.
 */
final class StreamPeer implements DatagramProtocol<StreamEvent> {

    final StreamConnection connection;
    private final InetSocketAddress peer;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private ByteBuffer toSend = ByteBuffer.allocate(0);
    private boolean closeAfterSending;
    private boolean autoRead = true;
    private boolean endOfStream;
    private long now;

    StreamPeer(StreamConfig config, int connectionId, InetSocketAddress peer) {
        this.connection = new StreamConnection(config, connectionId, 0);
        this.peer = peer;
    }

    /** Queues {@code data} for writing and optionally a close after it; call through the network's invoke. */
    void send(long now, byte[] data, boolean thenClose) {
        this.now = now;
        toSend = ByteBuffer.wrap(data);
        closeAfterSending = thenClose;
        pump();
    }

    void autoRead(boolean on) {
        autoRead = on;
    }

    /** Reads at most {@code max} bytes now; returns what read returned. */
    int readSome(long now, int max) {
        this.now = now;
        ByteBuffer b = ByteBuffer.allocate(max);
        int n = connection.read(b);
        if (n > 0) {
            received.write(b.array(), 0, n);
        } else if (n < 0) {
            endOfStream = true;
        }
        return n;
    }

    byte[] received() {
        return received.toByteArray();
    }

    boolean endOfStream() {
        return endOfStream;
    }

    void setNow(long now) {
        this.now = now;
    }

    private void pump() {
        while (toSend.hasRemaining() && connection.write(toSend) > 0) {
            // the send buffer took some; try again in case the ring wrapped
        }
        if (closeAfterSending && !toSend.hasRemaining() && connection.state() == StreamConnection.State.OPEN) {
            connection.close();
        }
        if (autoRead) {
            while (readSome(now, 64 * 1024) > 0) {
                // drain
            }
        }
    }

    @Override
    public void handleDatagram(long now, InetSocketAddress from, byte[] bytes) {
        this.now = now;
        connection.handleDatagram(now, bytes);
        pump();
    }

    @Override
    public void handleTimeout(long now) {
        this.now = now;
        connection.handleTimeout(now);
        pump();
    }

    @Override
    public Transmit pollTransmit() {
        byte[] datagram = connection.pollTransmit(now);
        return datagram == null ? null : new Transmit(peer, datagram);
    }

    @Override
    public long pollTimeout() {
        return connection.pollTimeout();
    }

    @Override
    public StreamEvent pollEvent() {
        return connection.pollEvent();
    }
}
