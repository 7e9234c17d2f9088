package io.peerdial.node.media.turn.net;

import io.peerdial.node.media.turn.AllocationMeter;
import io.peerdial.node.media.turn.TurnFraming;
import io.peerdial.overlay.runtime.SelectorLoops;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A forwarder between ice4j's TURN client and the real TURN servers of one ICE run, which the node
 * owns so that it can (a) reach a server over TCP (RFC 8656 §3.1), which ice4j cannot, and (b) count
 * what each allocation carries, which ice4j does not tell (docs/MEDIA.md "TURN tap").
 *
 * <p>For each {@link Target} the tap binds one UDP socket on the loopback address (of the server's
 * address family: ice4j's harvester pairs a server only with host candidates of the same family) and
 * ice4j's {@code TurnCandidateHarvester} is pointed at it. Every datagram from a host candidate of
 * ice4j goes to the real server from a socket of the tap's own, one per host candidate (a
 * {@link Flow}: its own 5-tuple at the server, so its own allocation), and the server's answers go back
 * to that host candidate from the loopback socket, the address ice4j's harvester expects them from.
 * Loopback only: no other host can use the tap to reach the server.
 *
 * <p>One thread and one selector per tap; bounded: {@value #MAX_FLOWS_PER_TARGET} flows per target,
 * {@value #MAX_QUEUED_BYTES} bytes queued per TCP connection, {@value #MAX_METERS_PER_TARGET} meters
 * kept per target (closed flows' meters stay readable for receipts until then).
 */
public final class TurnTap implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TurnTap.class);

    static final int MAX_FLOWS_PER_TARGET = 8;
    static final int MAX_METERS_PER_TARGET = 32;
    static final int MAX_QUEUED_BYTES = 256 * 1024;
    /** After a TCP connection to the server fails or closes, the same host candidate waits this long for another. */
    static final long RECONNECT_BACKOFF_NANOS = 1_000_000_000L;
    private static final int RECEIVE_BATCH = 64;
    private static final long JOIN_MS = 2_000;

    /** A TURN server to forward to, and whether over TCP. */
    public record Target(InetSocketAddress server, boolean tcp) {
        public Target {
            Objects.requireNonNull(server, "server");
            if (server.isUnresolved()) {
                throw new IllegalArgumentException("unresolved TURN server " + server);
            }
        }
    }

    private final Selector selector;
    private final List<Entrance> entrances;
    private final Thread thread;
    /** The tap thread's receive buffer; frames and datagrams are read and forwarded from it. */
    final ByteBuffer buffer = ByteBuffer.allocate(TurnFraming.MAX_FRAME + 4);
    private volatile boolean running = true;
    private volatile long dropped;

    private TurnTap(Selector selector, List<Entrance> entrances, String name) {
        this.selector = selector;
        this.entrances = entrances;
        this.thread = new Thread(this::run, "turn-tap-" + name);
        this.thread.setDaemon(true);
    }

    /** Binds one loopback socket per target and starts the tap's thread. */
    public static TurnTap start(List<Target> targets, String name) throws IOException {
        Selector selector = Selector.open();
        List<Entrance> entrances = new ArrayList<>();
        try {
            TurnTap tap = new TurnTap(selector, entrances, name);
            for (Target t : targets) {
                boolean v4 = t.server().getAddress() instanceof Inet4Address;
                DatagramChannel channel = DatagramChannel.open(v4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
                try {
                    channel.bind(new InetSocketAddress(InetAddress.getByName(v4 ? "127.0.0.1" : "::1"), 0));
                    channel.configureBlocking(false);
                    Entrance e = new Entrance(tap, t, channel);
                    channel.register(selector, SelectionKey.OP_READ, e);
                    entrances.add(e);
                } catch (IOException | RuntimeException ex) {
                    channel.close();
                    throw ex;
                }
            }
            tap.thread.start();
            return tap;
        } catch (IOException | RuntimeException e) {
            for (Entrance en : entrances) {
                en.channel.close();
            }
            selector.close();
            throw e;
        }
    }

    /** Where ice4j must send for target {@code index}: the loopback socket that stands for that server. */
    public InetSocketAddress entrance(int index) {
        return entrances.get(index).address;
    }

    /** The meters of target {@code index}'s flows, oldest first, closed flows' included (bounded). */
    public List<AllocationMeter> meters(int index) {
        return entrances.get(index).meters();
    }

    /** Datagrams not forwarded: too many flows, a full queue or socket, a server unreachable, a frame that would break a TCP stream. */
    public long dropped() {
        return dropped;
    }

    void countDrop() {
        dropped++; // tap thread only
    }

    Selector selector() {
        return selector;
    }

    private void run() {
        try {
            while (running) {
                selector.select(1_000);
                dispatchSelected();
            }
            // what ice4j sent just before close (a Refresh with LIFETIME 0 that frees the allocation, RFC 8656 §8.1)
            selector.selectNow();
            dispatchSelected();
        } catch (IOException | RuntimeException e) {
            if (running) {
                log.warn("TURN tap stopped: {}", e.toString());
            }
        } finally {
            for (Entrance e : entrances) {
                e.closeAll();
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    private void dispatchSelected() {
        for (SelectionKey key : selector.selectedKeys()) {
            if (!key.isValid()) {
                continue;
            }
            Object a = key.attachment();
            try {
                if (a instanceof Entrance e) {
                    e.receiveFromClient(RECEIVE_BATCH);
                } else if (a instanceof Flow f) {
                    f.ready(key);
                }
            } catch (IOException e) {
                log.debug("TURN tap: {}", e.toString());
            }
        }
        selector.selectedKeys().clear();
    }

    /** Stops the thread and closes every socket (TCP connections close: the server frees their allocations). */
    @Override
    public void close() {
        running = false;
        SelectorLoops.stop(thread, selector, JOIN_MS);
    }

    /** One target's loopback socket, its flows by ice4j source address, and their meters. */
    static final class Entrance {
        final TurnTap tap;
        final Target target;
        final DatagramChannel channel;
        final InetSocketAddress address;
        private final Map<SocketAddress, Flow> flows = new HashMap<>();
        private final Map<SocketAddress, Long> reconnectAfter = new HashMap<>();
        private final List<AllocationMeter> meters = new ArrayList<>(); // guarded by itself: read by other threads

        Entrance(TurnTap tap, Target target, DatagramChannel channel) throws IOException {
            this.tap = tap;
            this.target = target;
            this.channel = channel;
            this.address = (InetSocketAddress) channel.getLocalAddress();
        }

        List<AllocationMeter> meters() {
            synchronized (meters) {
                return List.copyOf(meters);
            }
        }

        void receiveFromClient(int batch) throws IOException {
            ByteBuffer b = tap.buffer;
            for (int i = 0; i < batch; i++) {
                b.clear();
                SocketAddress source = channel.receive(b);
                if (source == null) {
                    return;
                }
                Flow flow = flow(source);
                if (flow == null) {
                    tap.countDrop();
                    continue;
                }
                flow.meter.fromClient(b.array(), 0, b.position());
                flow.toServer(b.array(), 0, b.position());
            }
        }

        /** Sends a datagram from the server back to the ice4j socket of the flow. */
        void toClient(SocketAddress client, byte[] b, int offset, int length) {
            try {
                if (channel.send(ByteBuffer.wrap(b, offset, length), client) == 0) {
                    tap.countDrop(); // socket buffer full: as UDP would
                }
            } catch (IOException e) {
                tap.countDrop();
            }
        }

        private Flow flow(SocketAddress source) {
            Flow f = flows.get(source);
            if (f != null) {
                return f;
            }
            Long after = reconnectAfter.get(source);
            if (flows.size() >= MAX_FLOWS_PER_TARGET || after != null && System.nanoTime() - after < 0) {
                return null;
            }
            reconnectAfter.remove(source);
            AllocationMeter meter = new AllocationMeter();
            try {
                f = target.tcp() ? new TcpFlow(this, source, meter) : new UdpFlow(this, source, meter);
            } catch (IOException e) {
                log.debug("TURN tap: no flow to {}: {}", target.server(), e.toString());
                reconnectAfter.put(source, System.nanoTime() + RECONNECT_BACKOFF_NANOS);
                return null;
            }
            flows.put(source, f);
            synchronized (meters) {
                meters.add(meter);
                if (meters.size() > MAX_METERS_PER_TARGET) { // forget the oldest meter of a flow that has ended
                    for (AllocationMeter m : meters) {
                        if (flows.values().stream().noneMatch(x -> x.meter == m)) {
                            meters.remove(m);
                            break;
                        }
                    }
                }
            }
            log.debug("TURN tap: {} -> {} over {}", source, target.server(), target.tcp() ? "TCP" : "UDP");
            return f;
        }

        /** A flow ended (its TCP connection closed): its meter stays readable. */
        void closed(Flow f) {
            flows.remove(f.client, f);
            reconnectAfter.put(f.client, System.nanoTime() + RECONNECT_BACKOFF_NANOS);
        }

        void closeAll() {
            for (Flow f : List.copyOf(flows.values())) {
                f.close();
            }
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing: nothing to do
            }
        }
    }
}
