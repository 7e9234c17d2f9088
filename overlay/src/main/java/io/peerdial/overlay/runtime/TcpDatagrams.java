package io.peerdial.overlay.runtime;

import io.peerdial.overlay.wire.StreamFrames;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Overlay datagrams over TCP (docs/PROTOCOL.md "Datagrams over TCP"), on the {@link UdpRuntime}'s
 * selector and loop thread: a listening socket on the overlay port, and connections keyed by the
 * remote address the core sees datagrams come from and sends them to.
 *
 * <p>An inbound connection is keyed by the peer's address (its TCP source port), so the core's
 * answers to a datagram that came over it go back over it. An outbound connection (a node in TCP
 * mode) is keyed by the destination, the overlay address the core named, so the answers that come
 * back over it carry the address the core's pending request went to. At most
 * {@value #MAX_CONNECTIONS} connections are open; the least recently active one is closed to make
 * room, and one idle {@value #IDLE_CLOSE_MS} ms is closed. A bad length prefix closes the
 * connection and is counted; nothing a peer sends throws past this class.
 *
 * <p>Not thread-safe: only the loop thread calls it.
 */
final class TcpDatagrams implements AutoCloseable {

    static final int MAX_CONNECTIONS = 256;
    static final long IDLE_CLOSE_MS = 120_000;
    static final long CONNECT_TIMEOUT_MS = 10_000;
    static final long SWEEP_INTERVAL_MS = 5_000;
    /** Bytes waiting to be written on one connection before further datagrams to it are dropped. */
    static final int MAX_PENDING_BYTES = 256 * 1024;
    private static final int ACCEPT_BATCH = 16;

    /** Where complete datagrams go (the core). */
    interface Sink {
        void datagram(long now, InetSocketAddress from, byte[] bytes);
    }

    /** What became of a datagram handed to {@link #send}. */
    enum Send { SENT, DROPPED, NO_CONNECTION }

    private final Selector selector;
    private final ServerSocketChannel server;
    private final Sink sink;
    private final RateLimitedLog problems;
    private final Map<InetSocketAddress, Conn> byRemote = new HashMap<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(65_536);
    private long nextSweep = Long.MIN_VALUE;

    final AtomicLong framesIn = new AtomicLong();
    final AtomicLong framesOut = new AtomicLong();
    final AtomicLong badFrames = new AtomicLong();
    final AtomicLong connectFailures = new AtomicLong();
    final AtomicLong open = new AtomicLong();

    private TcpDatagrams(Selector selector, ServerSocketChannel server, Sink sink, RateLimitedLog problems) {
        this.selector = selector;
        this.server = server;
        this.sink = sink;
        this.problems = problems;
    }

    /**
     * Listens on {@code bind} (the UDP socket's bound address) when not null, registered on
     * {@code selector}; with a null {@code bind} only outbound connections are made.
     */
    static TcpDatagrams open(Selector selector, InetSocketAddress bind, Sink sink, RateLimitedLog problems) throws IOException {
        ServerSocketChannel server = null;
        if (bind != null) {
            server = bind.getAddress() instanceof Inet4Address
                    ? ServerSocketChannel.open(StandardProtocolFamily.INET) : ServerSocketChannel.open();
            try {
                server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                server.bind(bind, 64);
                server.configureBlocking(false);
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
        }
        TcpDatagrams tcp = new TcpDatagrams(selector, server, sink, problems);
        if (server != null) server.register(selector, SelectionKey.OP_ACCEPT, tcp);
        return tcp;
    }

    /** The listening address, or null when this side only connects out. */
    InetSocketAddress listening() {
        try {
            return server == null ? null : (InetSocketAddress) server.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether {@code key} is one of ours. */
    boolean owns(SelectionKey key) {
        return key.attachment() == this || key.attachment() instanceof Conn;
    }

    /** Serves a selected key of ours. */
    void handle(SelectionKey key, long now) {
        if (key.attachment() == this) {
            if (key.isValid() && key.isAcceptable()) accept(now);
            return;
        }
        Conn c = (Conn) key.attachment();
        try {
            if (key.isValid() && key.isConnectable()) finishConnect(c, now);
            if (key.isValid() && key.isReadable()) read(c, now);
            if (key.isValid() && key.isWritable()) flush(c);
        } catch (IOException e) {
            close(c);
        }
    }

    /**
     * Sends {@code payload} over the connection to {@code to}; with {@code openIfNone}, opens one
     * when there is none. {@link Send#NO_CONNECTION}: there is none and none was opened (the caller
     * uses UDP).
     */
    Send send(long now, InetSocketAddress to, byte[] payload, boolean openIfNone) {
        if (payload.length == 0 || payload.length > StreamFrames.MAX_PAYLOAD) {
            return openIfNone ? Send.DROPPED : Send.NO_CONNECTION; // cannot be framed (no overlay datagram is)
        }
        Conn c = byRemote.get(to);
        if (c == null) {
            if (!openIfNone) return Send.NO_CONNECTION;
            c = connect(now, to);
            if (c == null) return Send.DROPPED;
        }
        if (c.pendingBytes + payload.length + StreamFrames.PREFIX > MAX_PENDING_BYTES) {
            problems.warn(now, "tcp-backlog", "TCP connection to " + to + " is not draining: dropping datagrams", null);
            return Send.DROPPED;
        }
        c.pending.add(ByteBuffer.wrap(StreamFrames.frame(payload)));
        c.pendingBytes += payload.length + StreamFrames.PREFIX;
        c.lastActive = now;
        bump(framesOut);
        if (c.connected) {
            try {
                flush(c);
            } catch (IOException e) {
                close(c);
            }
        }
        return Send.SENT;
    }

    /** When {@link #sweep} should run next. */
    long nextSweep() {
        return byRemote.isEmpty() ? Long.MAX_VALUE : nextSweep;
    }

    /** Closes idle connections and connects that did not complete in time. */
    void sweep(long now) {
        if (now < nextSweep) return;
        nextSweep = now + SWEEP_INTERVAL_MS;
        List<Conn> dead = new ArrayList<>();
        for (Conn c : byRemote.values()) {
            if (!c.connected && now - c.openedAt >= CONNECT_TIMEOUT_MS) {
                connectFailures.incrementAndGet();
                dead.add(c);
            } else if (now - c.lastActive >= IDLE_CLOSE_MS) {
                dead.add(c);
            }
        }
        dead.forEach(this::close);
    }

    int connections() {
        return byRemote.size();
    }

    @Override
    public void close() {
        new ArrayList<>(byRemote.values()).forEach(this::close);
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                // closing: nothing to do
            }
        }
    }

    private void accept(long now) {
        for (int i = 0; i < ACCEPT_BATCH; i++) {
            SocketChannel ch;
            try {
                ch = server.accept();
                if (ch == null) return;
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                InetSocketAddress remote = (InetSocketAddress) ch.getRemoteAddress();
                makeRoom();
                Conn old = byRemote.get(remote);
                if (old != null) close(old);
                Conn c = new Conn(ch, remote, now, true);
                c.key = ch.register(selector, SelectionKey.OP_READ, c);
                add(c);
            } catch (IOException e) {
                problems.warn(now, "tcp-accept", "TCP accept failed: " + e, null);
                return;
            }
        }
    }

    private Conn connect(long now, InetSocketAddress to) {
        if (to.isUnresolved()) return null;
        SocketChannel ch = null;
        try {
            ch = to.getAddress() instanceof Inet4Address ? SocketChannel.open(StandardProtocolFamily.INET) : SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            makeRoom();
            boolean done = ch.connect(to);
            Conn c = new Conn(ch, to, now, done);
            c.key = ch.register(selector, done ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c);
            add(c);
            return c;
        } catch (IOException | RuntimeException e) { // RuntimeException: an address type the platform lacks
            connectFailures.incrementAndGet();
            problems.warn(now, "tcp-connect", "TCP connect to " + to + " failed: " + e, null);
            if (ch != null) closeQuietly(ch);
            return null;
        }
    }

    private void finishConnect(Conn c, long now) throws IOException {
        try {
            if (!c.channel.finishConnect()) return;
        } catch (IOException e) {
            connectFailures.incrementAndGet();
            problems.warn(now, "tcp-connect", "TCP connect to " + c.remote + " failed: " + e, null);
            throw e;
        }
        c.connected = true;
        c.key.interestOps(SelectionKey.OP_READ);
        flush(c);
    }

    private void read(Conn c, long now) throws IOException {
        readBuffer.clear();
        int n = c.channel.read(readBuffer);
        if (n < 0) {
            close(c);
            return;
        }
        c.lastActive = now;
        try {
            c.reader.feed(readBuffer.array(), 0, n, bytes -> {
                bump(framesIn);
                sink.datagram(now, c.remote, bytes);
            });
        } catch (StreamFrames.FrameException e) {
            bump(badFrames);
            problems.warn(now, "tcp-bad-frame", "closing TCP connection from " + c.remote + ": " + e.getMessage(), null);
            close(c);
        }
    }

    private void flush(Conn c) throws IOException {
        for (ByteBuffer b; (b = c.pending.peek()) != null; ) {
            int before = b.remaining();
            c.channel.write(b);
            c.pendingBytes -= before - b.remaining();
            if (b.hasRemaining()) break;
            c.pending.poll();
        }
        if (c.key.isValid()) {
            c.key.interestOps(c.pending.isEmpty() ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    /** Closes the least recently active connection when the table is full. */
    private void makeRoom() {
        if (byRemote.size() < MAX_CONNECTIONS) return;
        Conn oldest = null;
        for (Conn c : byRemote.values()) if (oldest == null || c.lastActive < oldest.lastActive) oldest = c;
        if (oldest != null) close(oldest);
    }

    private void add(Conn c) {
        byRemote.put(c.remote, c);
        open.set(byRemote.size());
        if (nextSweep == Long.MIN_VALUE || nextSweep == Long.MAX_VALUE) nextSweep = c.openedAt + SWEEP_INTERVAL_MS;
    }

    private void close(Conn c) {
        if (byRemote.get(c.remote) == c) byRemote.remove(c.remote);
        open.set(byRemote.size());
        if (c.key != null) c.key.cancel();
        closeQuietly(c.channel);
    }

    private static void bump(AtomicLong counter) {
        counter.setRelease(counter.getPlain() + 1);
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    /** One TCP connection; {@code inbound}: accepted, keyed by the peer's source address. */
    private static final class Conn {
        final SocketChannel channel;
        final InetSocketAddress remote;
        final long openedAt;
        final StreamFrames.Reader reader = new StreamFrames.Reader();
        final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
        SelectionKey key;
        int pendingBytes;
        boolean connected;
        long lastActive;

        Conn(SocketChannel channel, InetSocketAddress remote, long now, boolean connected) {
            this.channel = channel;
            this.remote = remote;
            this.openedAt = now;
            this.lastActive = now;
            this.connected = connected;
        }
    }
}
