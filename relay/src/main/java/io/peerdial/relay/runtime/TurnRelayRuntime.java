package io.peerdial.relay.runtime;

import io.peerdial.overlay.runtime.RuntimeClock;
import io.peerdial.overlay.runtime.SelectorLoops;
import io.peerdial.relay.server.Credentials;
import io.peerdial.relay.server.FiveTuple;
import io.peerdial.relay.server.TurnConfig;
import io.peerdial.relay.server.AllocationGate;
import io.peerdial.relay.server.TurnEvent;
import io.peerdial.relay.server.TurnServer;
import io.peerdial.relay.server.TurnStats;
import io.peerdial.relay.server.TurnTransmit;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import io.peerdial.relay.server.ClientTransport;
import java.security.SecureRandom;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a {@link TurnServer} over real sockets: a listening {@link DatagramChannel} and, on the
 * same address, a TCP listener for clients ({@link TcpClients}, RFC 8656 §3.1), one datagram
 * channel per relayed port, all on one {@link Selector} and one thread ({@code peerdial-relay}).
 *
 * <p><b>Hot path.</b> Every datagram is received into one heap array, {@link TurnServer#HEADROOM}
 * bytes in for peer datagrams so the core can prepend the ChannelData header in place; the core's
 * transmits point into that array and are sent at once through one reusable {@link ByteBuffer}
 * view, before the next receive. No per-datagram copy of the payload; a full socket buffer drops
 * the datagram (counted), as UDP would.
 */
public final class TurnRelayRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TurnRelayRuntime.class);
    private static final int RECEIVE_BATCH = 64;
    private static final int BUFFER_BYTES = 65_536 + TurnServer.HEADROOM;
    private static final int LISTEN_SOCKET_BUFFER_BYTES = 4 << 20;
    private static final long CLOSE_WAIT_MS = 5_000;
    private static final long STATS_INTERVAL_MS = 1_000;
    private static final int EPHEMERAL_BIND_ATTEMPTS = 8;

    /** Where to listen and relay, and the core's settings. */
    public record Settings(InetSocketAddress listen, InetAddress relayIp, int minPort, int maxPort,
                           TurnConfig config, Credentials credentials) {
        public Settings {
            Objects.requireNonNull(listen, "listen");
            Objects.requireNonNull(relayIp, "relayIp");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(credentials, "credentials");
        }
    }

    private final Selector selector;
    private final DatagramChannel listenChannel;
    private final InetSocketAddress listenAddress;
    private final UdpRelayPorts ports;
    private final TurnServer core;
    private final TcpClients tcp;
    private final RuntimeClock clock = new RuntimeClock();
    private final byte[] array = new byte[BUFFER_BYTES];
    private final ByteBuffer receiveBuffer = ByteBuffer.wrap(array);
    private final ByteBuffer sendView = ByteBuffer.wrap(array);
    private final Thread thread;
    private final AtomicLong sendDrops = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    private volatile boolean running = true;
    private volatile TurnStats stats;
    private volatile java.util.List<io.peerdial.relay.server.AllocationUsage> usage = java.util.List.of();
    private final java.util.concurrent.ConcurrentLinkedQueue<InetSocketAddress> revocations =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private long statsAt;

    private final java.util.function.Consumer<? super TurnEvent> listener;

    private TurnRelayRuntime(Settings s, AllocationGate gate, java.util.function.Consumer<? super TurnEvent> listener,
                             Selector selector, DatagramChannel listenChannel, ServerSocketChannel tcpListener)
            throws IOException {
        this.listener = listener;
        this.selector = selector;
        this.listenChannel = listenChannel;
        this.listenAddress = (InetSocketAddress) listenChannel.getLocalAddress();
        this.ports = new UdpRelayPorts(s.relayIp(), s.minPort(), s.maxPort(), selector);
        this.core = new TurnServer(s.config(), s.credentials(), gate, ports, new SecureRandom());
        this.stats = core.stats();
        listenChannel.register(selector, SelectionKey.OP_READ, null);
        this.tcp = new TcpClients(tcpListener, listenAddress, selector, core, this::drainTransmits);
        this.thread = new Thread(this::run, "peerdial-relay");
    }

    /** Binds the listening socket (failing fast if it is taken) and starts the loop. */
    public static TurnRelayRuntime start(Settings settings) throws IOException {
        return start(settings, AllocationGate.OPEN, e -> {});
    }

    /**
     * As {@link #start(Settings)}, with an admission {@code gate} (docs/INCENTIVES.md) and a
     * {@code listener} for the core's allocation events; both are called on the relay thread and
     * must not block.
     */
    public static TurnRelayRuntime start(Settings settings, AllocationGate gate,
                                         java.util.function.Consumer<? super TurnEvent> listener) throws IOException {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(listener, "listener");
        for (int attempt = 1; ; attempt++) {
            try {
                return open(settings, gate, listener);
            } catch (BindException e) {
                // port 0: the UDP port the system chose can be a live TCP connection's local port, and TCP
                // must listen on the same one; another ephemeral port then (a fixed port fails at once)
                if (settings.listen().getPort() != 0 || attempt == EPHEMERAL_BIND_ATTEMPTS) {
                    throw e;
                }
                log.debug("TCP port of ephemeral UDP port taken ({}), choosing again", e.getMessage());
            }
        }
    }

    private static TurnRelayRuntime open(Settings settings, AllocationGate gate,
                                         java.util.function.Consumer<? super TurnEvent> listener) throws IOException {
        DatagramChannel channel = settings.listen().getAddress() instanceof java.net.Inet4Address
                ? DatagramChannel.open(StandardProtocolFamily.INET) : DatagramChannel.open(StandardProtocolFamily.INET6);
        Selector selector = null;
        ServerSocketChannel tcpListener = null;
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, LISTEN_SOCKET_BUFFER_BYTES);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, LISTEN_SOCKET_BUFFER_BYTES);
            channel.bind(settings.listen());
            channel.configureBlocking(false);
            tcpListener = ServerSocketChannel.open();
            tcpListener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            tcpListener.bind(channel.getLocalAddress()); // same address and port as UDP
            tcpListener.configureBlocking(false);
            selector = Selector.open();
            TurnRelayRuntime runtime = new TurnRelayRuntime(settings, gate, listener, selector, channel, tcpListener);
            runtime.thread.start();
            log.info("TURN relay listening on {} (UDP and TCP), relaying on {} ports {}-{}", runtime.listenAddress,
                    settings.relayIp().getHostAddress(), settings.minPort(), settings.maxPort());
            return runtime;
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (tcpListener != null) tcpListener.close();
            if (selector != null) selector.close();
            throw e;
        }
    }

    public InetSocketAddress listenAddress() {
        return listenAddress;
    }

    /** The core's counters, refreshed about once a second by the loop. */
    public TurnStats stats() {
        return stats;
    }

    /** Every live allocation's byte counts, refreshed about once a second by the loop (receipt enforcement). */
    public java.util.List<io.peerdial.relay.server.AllocationUsage> allocationUsage() {
        return usage;
    }

    /**
     * Deletes the allocation at {@code relayed} on the relay thread, soon (the core's {@code revoke}: event
     * {@code REVOKED} to the listener); nothing if it is gone already.
     */
    public void revoke(InetSocketAddress relayed) {
        revocations.add(Objects.requireNonNull(relayed, "relayed"));
        selector.wakeup();
    }

    /** Datagrams dropped because a socket's send buffer was full. */
    public long sendDrops() {
        return sendDrops.get();
    }

    @Override
    public void close() {
        running = false;
        SelectorLoops.stop(thread, selector, CLOSE_WAIT_MS);
    }

    private void run() {
        try {
            while (running) {
                turn();
            }
        } catch (ClosedSelectorException e) {
            // closed under us
        } catch (IOException | RuntimeException e) {
            log.error("relay loop stopped: {}", e.toString(), e);
        } finally {
            running = false;
            tcp.closeAll(clock.now());
            ports.closeAll();
            try {
                listenChannel.close();
                selector.close();
            } catch (IOException e) {
                log.debug("close failed: {}", e.toString());
            }
            drainEvents();
            stats = core.stats();
        }
    }

    private void turn() throws IOException {
        long now = clock.now();
        long deadline = core.pollTimeout();
        if (deadline <= now) {
            selector.selectNow();
        } else {
            selector.select(Math.min(deadline - now, STATS_INTERVAL_MS));
        }
        for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
            SelectionKey key = it.next();
            it.remove();
            if (!key.isValid()) {
                continue;
            }
            Object attachment = key.attachment();
            if (attachment instanceof TcpClients.Connection c) {
                if (key.isWritable()) {
                    tcp.writable(c, clock.now());
                }
                if (key.isValid() && key.isReadable()) {
                    tcp.readable(c, clock.now());
                }
            } else if (attachment == TcpClients.ACCEPT) {
                tcp.accept(clock.now());
            } else if (key.isReadable()) {
                receive((DatagramChannel) key.channel(), (InetSocketAddress) attachment);
            }
        }
        now = clock.now();
        for (InetSocketAddress r; (r = revocations.poll()) != null; ) {
            if (core.revoke(now, r)) drainTransmits();
        }
        if (core.pollTimeout() <= now) {
            core.handleTimeout(now);
            drainTransmits();
        }
        drainEvents();
        if (now - statsAt >= STATS_INTERVAL_MS) {
            stats = core.stats();
            usage = java.util.List.copyOf(core.allocationUsage());
            statsAt = now;
        }
    }

    /** Up to a batch of datagrams from one socket; {@code relayed} is null for the listening socket. */
    private void receive(DatagramChannel channel, InetSocketAddress relayed) {
        long now = clock.now();
        int offset = relayed == null ? 0 : TurnServer.HEADROOM;
        for (int i = 0; i < RECEIVE_BATCH && channel.isOpen(); i++) {
            receiveBuffer.clear().position(offset);
            InetSocketAddress from;
            try {
                from = (InetSocketAddress) channel.receive(receiveBuffer);
            } catch (IOException e) {
                sendErrors.incrementAndGet(); // ICMP errors of earlier sends surface here
                return;
            }
            if (from == null) {
                return;
            }
            int length = receiveBuffer.position() - offset;
            try {
                if (relayed == null) {
                    core.handleClientDatagram(now, FiveTuple.udp(from, listenAddress), array, 0, length);
                } else {
                    core.handlePeerDatagram(now, relayed, from, array, offset, length);
                }
            } catch (RuntimeException e) {
                log.warn("TURN core failed on a datagram from {} (bug; the loop goes on): {}", from, e.toString(), e);
            }
            drainTransmits(); // before the array is reused
        }
    }

    private void drainTransmits() {
        for (TurnTransmit t; (t = core.pollTransmit()) != null; ) {
            if (t.transport() == ClientTransport.TCP) {
                tcp.send(t);
                continue;
            }
            DatagramChannel channel = t.source().equals(listenAddress) ? listenChannel : ports.channel(t.source());
            if (channel == null) {
                continue; // its allocation went away in the same turn
            }
            ByteBuffer view = t.buffer() == array ? sendView : ByteBuffer.wrap(t.buffer());
            view.limit(t.offset() + t.length()).position(t.offset());
            try {
                if (channel.send(view, t.destination()) == 0 && t.length() > 0) {
                    sendDrops.incrementAndGet();
                }
            } catch (IOException e) {
                sendErrors.incrementAndGet();
            }
        }
    }

    private void drainEvents() {
        for (TurnEvent e; (e = core.pollEvent()) != null; ) {
            if (e instanceof TurnEvent.AllocationCreated || e instanceof TurnEvent.AllocationClosed) {
                // the published stats follow allocations at once (before listeners hear of them), other counters once a second
                stats = core.stats();
            }
            if (e instanceof TurnEvent.AllocationCreated c) {
                log.debug("allocation {} for {} ({})", c.relayed(), c.fiveTuple().client(), c.username());
            } else if (e instanceof TurnEvent.AllocationClosed c) {
                log.debug("allocation {} closed ({}): {} bytes to peers, {} to client", c.relayed(), c.reason(),
                        c.bytesToPeers(), c.bytesToClient());
            }
            try {
                listener.accept(e);
            } catch (RuntimeException failed) {
                log.warn("allocation listener failed", failed);
            }
        }
    }
}
