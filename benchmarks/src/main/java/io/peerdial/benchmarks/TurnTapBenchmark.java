package io.peerdial.benchmarks;

import io.peerdial.node.media.turn.AllocationMeter;
import io.peerdial.node.media.turn.net.TurnTap;
import io.peerdial.relay.turn.ChannelData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The TURN tap's cost (docs/MEDIA.md "TURN tap"): the meter alone on one 176-byte ChannelData (172
 * bytes of PCMU RTP), and the round trip of that datagram from a client socket to an echo "server" on
 * 127.0.0.1 directly, through the tap over UDP, and through the tap over TCP. The difference between a
 * tapped and the direct round trip is what the tap adds to two hops (one each way).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TurnTapBenchmark {

    private final byte[] packet = new ChannelData(0x4001, rtp()).encode(false);
    private final AllocationMeter meter = new AllocationMeter();
    private final ByteBuffer in = ByteBuffer.allocate(2048);
    private volatile boolean open = true;
    private DatagramChannel udpEcho;
    private ServerSocket tcpEcho;
    private DatagramChannel client;
    private TurnTap tap;
    private InetSocketAddress direct;
    private InetSocketAddress viaUdp;
    private InetSocketAddress viaTcp;

    private static byte[] rtp() {
        byte[] b = new byte[172];
        b[0] = (byte) 0x80;
        return b;
    }

    @Setup
    public void setUp() throws IOException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        udpEcho = DatagramChannel.open().bind(new InetSocketAddress(lo, 0));
        tcpEcho = new ServerSocket(0, 4, lo);
        daemon("jmh-udp-echo", () -> {
            ByteBuffer b = ByteBuffer.allocate(2048);
            while (open) {
                b.clear();
                var from = udpEcho.receive(b);
                b.flip();
                udpEcho.send(b, from);
            }
        });
        daemon("jmh-tcp-echo", () -> {
            try (Socket s = tcpEcho.accept()) {
                s.setTcpNoDelay(true);
                InputStream i = s.getInputStream();
                OutputStream o = s.getOutputStream();
                byte[] b = new byte[4096];
                for (int n; (n = i.read(b)) > 0; ) o.write(b, 0, n); // echoes the frames as they are
            }
        });
        direct = (InetSocketAddress) udpEcho.getLocalAddress();
        tap = TurnTap.start(List.of(new TurnTap.Target(direct, false),
                new TurnTap.Target((InetSocketAddress) tcpEcho.getLocalSocketAddress(), true)), "jmh");
        viaUdp = tap.entrance(0);
        viaTcp = tap.entrance(1);
        client = DatagramChannel.open().bind(new InetSocketAddress(lo, 0));
    }

    private interface IoTask {
        void run() throws IOException;
    }

    private void daemon(String name, IoTask task) {
        Thread t = new Thread(() -> {
            try {
                task.run();
            } catch (IOException closed) {
                // tear-down
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    @Benchmark
    public long meterOneChannelData() {
        meter.fromClient(packet, 0, packet.length);
        return meter.bytesToPeers();
    }

    @Benchmark
    public int roundTripDirect() throws IOException {
        return roundTrip(direct);
    }

    @Benchmark
    public int roundTripThroughTapUdp() throws IOException {
        return roundTrip(viaUdp);
    }

    @Benchmark
    public int roundTripThroughTapTcp() throws IOException {
        return roundTrip(viaTcp);
    }

    private int roundTrip(InetSocketAddress to) throws IOException {
        client.send(ByteBuffer.wrap(packet), to);
        in.clear();
        client.receive(in);
        if (in.position() != packet.length) throw new IllegalStateException("echo of " + in.position() + " bytes");
        return in.position();
    }

    @TearDown
    public void tearDown() throws IOException {
        open = false;
        long dropped = tap.dropped();
        tap.close();
        client.close();
        udpEcho.close();
        tcpEcho.close();
        if (dropped > 0) throw new IllegalStateException("the tap dropped " + dropped + " datagrams: the measurement is void");
    }
}
