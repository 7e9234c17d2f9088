package io.peerdial.benchmarks;

import io.peerdial.node.media.net.MediaBridge;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
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
 * {@link MediaBridge#fromIce}: the bridge's own part of forwarding one 172-byte RTP packet (20 ms of
 * PCMU) from the ICE side to the phone, a real {@code sendto} on 127.0.0.1 included. It runs on the
 * calling thread, so time per operation is CPU per packet on one core (the kernel's loopback delivery
 * included; a daemon thread drains the phone socket so its buffer never overflows). The ICE receive
 * threads before it are measured by {@link BridgeLoad}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MediaBridgeBenchmark {

    private MediaBridge bridge;
    private DatagramChannel phone;
    private volatile boolean open = true;
    private final byte[] packet = new byte[172];

    @Setup
    public void setUp() throws IOException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        bridge = MediaBridge.open(lo, "jmh");
        phone = DatagramChannel.open().bind(new InetSocketAddress(lo, 0));
        phone.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        InetSocketAddress at = (InetSocketAddress) phone.getLocalAddress();
        bridge.phone(at, at);
        packet[0] = (byte) 0x80; // RTP version 2, PT 0 (PCMU): not RTCP by RFC 5761 §4
        Thread drain = new Thread(() -> {
            ByteBuffer buf = ByteBuffer.allocateDirect(2048);
            try {
                while (open) {
                    buf.clear();
                    phone.receive(buf);
                }
            } catch (IOException closed) {
                // tear-down
            }
        }, "jmh-phone-drain");
        drain.setDaemon(true);
        drain.start();
    }

    @Benchmark
    public long fromIceToPhone() {
        bridge.fromIce(packet, 0, packet.length);
        return bridge.packetsToPhone();
    }

    @TearDown
    public void tearDown() throws IOException {
        open = false;
        long dropped = bridge.packetsDropped();
        bridge.close();
        phone.close();
        if (dropped > 0) throw new IllegalStateException("the bridge dropped " + dropped + " packets: the measurement is void");
    }
}
