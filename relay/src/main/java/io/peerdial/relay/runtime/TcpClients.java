package io.peerdial.relay.runtime;

import io.peerdial.relay.server.ClientTransport;
import io.peerdial.relay.server.FiveTuple;
import io.peerdial.relay.server.TurnServer;
import io.peerdial.relay.server.TurnTransmit;
import io.peerdial.relay.turn.TurnStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TURN clients over TCP (RFC 8656 §3.1): accepts connections on the listening address, cuts each
 * stream into frames (a STUN message: 20 + its length field; ChannelData: 4 + its length padded to
 * 4, §12.5) and feeds each frame to the core as one datagram of the 5-tuple (TCP, client, server).
 * Frames to a client are written whole; what the socket does not take is queued (copied: the
 * transmit may alias a receive buffer), up to {@value #MAX_QUEUED_BYTES} bytes per connection, then
 * whole frames are dropped, never parts, so the stream stays framed. A closed connection deletes
 * its allocation. Runs on the driver's loop thread only.
 */
final class TcpClients {
    private static final Logger log = LoggerFactory.getLogger(TcpClients.class);
    private static final int MAX_FRAME = TurnStream.MAX_FRAME;
    private static final int MAX_QUEUED_BYTES = 1 << 20;
    private static final int MAX_CONNECTIONS = 10_000;

    /** Selection-key attachment of the listening TCP socket. */
    static final Object ACCEPT = new Object();

    private final ServerSocketChannel server;
    private final InetSocketAddress listenAddress;
    private final Selector selector;
    private final TurnServer core;
    private final Runnable drainTransmits;
    private final Map<InetSocketAddress, Connection> connections = new HashMap<>();
    long framesDropped;

    /** One client connection: its 5-tuple, a receive buffer holding a partial frame, a send queue. */
    static final class Connection {
        final SocketChannel channel;
        final FiveTuple tuple;
        final ByteBuffer in = ByteBuffer.allocate(MAX_FRAME);
        final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
        long queued;
        SelectionKey key;

        Connection(SocketChannel channel, FiveTuple tuple) {
            this.channel = channel;
            this.tuple = tuple;
        }
    }

    TcpClients(ServerSocketChannel server, InetSocketAddress listenAddress, Selector selector, TurnServer core,
               Runnable drainTransmits) throws IOException {
        this.server = server;
        this.listenAddress = listenAddress;
        this.selector = selector;
        this.core = core;
        this.drainTransmits = drainTransmits;
        server.register(selector, SelectionKey.OP_ACCEPT, ACCEPT);
    }

    void accept(long now) {
        for (int i = 0; i < 64; i++) {
            SocketChannel channel;
            try {
                channel = server.accept();
                if (channel == null) {
                    return;
                }
                if (connections.size() >= MAX_CONNECTIONS) {
                    channel.close();
                    continue;
                }
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
                Connection c = new Connection(channel, new FiveTuple(ClientTransport.TCP, remote, listenAddress));
                c.key = channel.register(selector, SelectionKey.OP_READ, c);
                connections.put(remote, c);
            } catch (IOException e) {
                log.debug("accept failed: {}", e.toString());
                return;
            }
        }
    }

    void readable(Connection c, long now) {
        int n;
        try {
            n = c.channel.read(c.in);
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            close(c, now);
            return;
        }
        byte[] a = c.in.array();
        int end = c.in.position();
        int pos = 0;
        while (end - pos >= 4) {
            int total = TurnStream.frameLength(a, pos, end - pos); // STUN or ChannelData (padded to 4)
            if (total == TurnStream.NOT_TURN) { // the stream cannot be re-synchronised
                close(c, now);
                return;
            }
            if (end - pos < total) {
                break;
            }
            core.handleClientDatagram(now, c.tuple, a, pos, total);
            drainTransmits.run(); // transmits may point into this buffer
            pos += total;
        }
        System.arraycopy(a, pos, a, 0, end - pos);
        c.in.position(end - pos);
    }

    /** Writes one frame to its client's connection; false if there is no such connection. */
    boolean send(TurnTransmit t) {
        Connection c = connections.get(t.destination());
        if (c == null) {
            return false;
        }
        ByteBuffer frame = ByteBuffer.wrap(t.buffer(), t.offset(), t.length());
        try {
            if (c.out.isEmpty()) {
                c.channel.write(frame);
                if (!frame.hasRemaining()) {
                    return true;
                }
            }
        } catch (IOException e) {
            return true; // the read side sees the close and cleans up
        }
        if (c.queued + frame.remaining() > MAX_QUEUED_BYTES && frame.position() == 0) {
            framesDropped++; // a whole frame: the stream stays framed
            return true;
        }
        ByteBuffer copy = ByteBuffer.allocate(frame.remaining()).put(frame).flip();
        c.out.add(copy);
        c.queued += copy.remaining();
        c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        return true;
    }

    void writable(Connection c, long now) {
        try {
            for (ByteBuffer b; (b = c.out.peek()) != null; ) {
                int n = c.channel.write(b);
                c.queued -= n;
                if (b.hasRemaining()) {
                    return;
                }
                c.out.poll();
            }
            c.key.interestOps(SelectionKey.OP_READ);
        } catch (IOException e) {
            close(c, now);
        }
    }

    void closeAll(long now) {
        for (Connection c : List.copyOf(connections.values())) {
            close(c, now);
        }
        try {
            server.close();
        } catch (IOException e) {
            log.debug("close failed: {}", e.toString());
        }
    }

    private void close(Connection c, long now) {
        connections.remove(c.tuple.client(), c);
        try {
            c.channel.close();
        } catch (IOException e) {
            log.debug("close failed: {}", e.toString());
        }
        core.handleClientClosed(now, c.tuple);
        drainTransmits.run();
    }
}
