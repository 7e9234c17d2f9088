package io.peerdial.benchmarks;

import io.peerdial.node.media.ice.IceConfig;
import io.peerdial.node.media.ice.IceSession;
import io.peerdial.node.media.net.MediaBridge;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Load generator: RTP packets per second through an anchored call's media path, and its CPU cost
 * per packet, over real loopback sockets.
 *
 * <p>Two {@link MediaBridge}s (alice's node and bob's node, as {@code AnchoredCall} wires them)
 * joined by two real {@link IceSession}s that run their checks on 127.0.0.1. A "phone" socket
 * sends 172-byte RTP packets (12-byte header + 160 bytes, one 20 ms PCMU frame) to bridge A's
 * phone-facing port; they go bridge A → ICE A → ICE B → bridge B → the other "phone" socket,
 * which counts them. Every thread of the JVM except the generator's sender and receiver is the
 * forwarding path (bridge reader, ice4j's socket readers, the ICE receive thread); their CPU time
 * ({@link ThreadMXBean}) over the measured interval divided by the packets that arrived gives the
 * CPU cost per forwarded packet through both nodes, and 1 / that the packets per core-second.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.peerdial.benchmarks.BridgeLoad [duration=10] [warmup=3] [rate=0]
 * </pre>
 * {@code rate=0} sends as fast as the sender thread can (saturation: loss shows where the path
 * tops out); {@code rate=N} paces N packets per second (open loop).
 */
public final class BridgeLoad {

    private static final int PACKET = 172;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<String, Long> options;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean running = true;
    private long senderThread, receiverThread;
    private String ufragA = "?", ufragB = "?";

    private BridgeLoad(Map<String, Long> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, Long> options = new HashMap<>(Map.of("duration", 10L, "warmup", 3L, "rate", 0L));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0 || !options.containsKey(arg.substring(0, eq))) {
                System.err.println("BridgeLoad: unknown argument '" + arg + "'; valid: " + options.keySet() + " as key=value");
                System.exit(2);
            }
            options.put(arg.substring(0, eq), Long.parseLong(arg.substring(eq + 1)));
        }
        new BridgeLoad(options).run();
        System.exit(0); // ice4j leaves non-daemon pool threads behind
    }

    private void run() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (MediaBridge a = MediaBridge.open(lo, "bench-a");
             MediaBridge b = MediaBridge.open(lo, "bench-b");
             DatagramChannel phoneA = DatagramChannel.open().bind(new InetSocketAddress(lo, 0));
             DatagramChannel phoneB = DatagramChannel.open().bind(new InetSocketAddress(lo, 0));
             IceSession iceA = IceSession.create(IceSession.Role.CONTROLLING, IceConfig.loopbackOnly(), new IceSession.Listener() { }, a::fromIce);
             IceSession iceB = IceSession.create(IceSession.Role.CONTROLLED, IceConfig.loopbackOnly(), new IceSession.Listener() { }, b::fromIce)) {
            ufragA = iceA.localDescription().ufrag();
            ufragB = iceB.localDescription().ufrag();
            a.ice(iceA);
            b.ice(iceB);
            iceA.start(iceB.localDescription());
            iceB.start(iceA.localDescription());
            iceA.completion().get(20, TimeUnit.SECONDS);
            iceB.completion().get(20, TimeUnit.SECONDS);
            phoneB.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            InetSocketAddress pa = (InetSocketAddress) phoneA.getLocalAddress();
            InetSocketAddress pb = (InetSocketAddress) phoneB.getLocalAddress();
            a.phone(pa, pa); // the phones multiplex RTCP: one port each
            b.phone(pb, pb);
            System.out.printf("ICE completed: %s; phone A %s -> bridge A %s ... bridge B %s -> phone B %s%n",
                    iceA.selectedPair().orElseThrow(), pa, a.phoneFacing(), b.phoneFacing(), pb);

            Thread receiver = new Thread(() -> receive(phoneB), "bench-phone-b");
            Thread sender = new Thread(() -> send(phoneA, a.phoneFacing()), "bench-phone-a");
            receiver.setDaemon(true);
            sender.setDaemon(true);
            receiverThread = receiver.getId();
            senderThread = sender.getId();
            receiver.start();
            sender.start();

            Thread.sleep(TimeUnit.SECONDS.toMillis(options.get("warmup")));
            long overflowsBefore = UdpCounters.receiveBufferErrors();
            Map<String, Long> cpuBefore = cpuByThreadGroup();
            long sentBefore = sent.get(), receivedBefore = received.get(), droppedBefore = a.packetsDropped() + b.packetsDropped();
            long wall0 = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(options.get("duration")));
            long wall = System.nanoTime() - wall0;
            Map<String, Long> cpuAfter = cpuByThreadGroup();
            long sentN = sent.get() - sentBefore, receivedN = received.get() - receivedBefore;
            long dropped = a.packetsDropped() + b.packetsDropped() - droppedBefore;
            long overflows = UdpCounters.receiveBufferErrors() - overflowsBefore;
            running = false;
            report(wall, sentN, receivedN, dropped, overflows, cpuBefore, cpuAfter);
        }
    }

    private void send(DatagramChannel phone, InetSocketAddress bridge) {
        ByteBuffer packet = ByteBuffer.allocateDirect(PACKET);
        long rate = options.get("rate");
        long interval = rate == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / rate;
        long next = System.nanoTime();
        int seq = 0;
        try {
            while (running) {
                packet.clear();
                packet.put((byte) 0x80).put((byte) 0).putShort((short) seq).putInt(seq * 160).putInt(0x5eed);
                while (packet.hasRemaining()) packet.put((byte) 0xff); // PCMU silence
                packet.flip();
                phone.send(packet, bridge);
                sent.incrementAndGet();
                seq++;
                if (interval > 0) {
                    next += interval;
                    long wait = next - System.nanoTime();
                    if (wait > 0) LockSupport.parkNanos(wait);
                }
            }
        } catch (java.io.IOException e) {
            if (running) throw new java.io.UncheckedIOException(e);
        }
    }

    private void receive(DatagramChannel phone) {
        ByteBuffer buf = ByteBuffer.allocateDirect(2048);
        try {
            while (running) {
                buf.clear();
                phone.receive(buf);
                if (buf.position() == PACKET) received.incrementAndGet();
            }
        } catch (java.io.IOException e) {
            if (running) throw new java.io.UncheckedIOException(e);
        }
    }

    /** CPU nanoseconds of every live thread but the generator's two, summed by name (ufrags named A/B, ports and numbers blurred). */
    private Map<String, Long> cpuByThreadGroup() {
        Map<String, Long> out = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getId() == senderThread || t.getId() == receiverThread) continue;
            long cpu = THREADS.getThreadCpuTime(t.getId());
            if (cpu < 0) continue;
            String group = t.getName().replace("ice-rx-" + ufragA, "ice-rx-A").replace("ice-rx-" + ufragB, "ice-rx-B")
                    .replaceAll("[0-9]+", "#");
            out.merge(group, cpu, Long::sum);
        }
        return out;
    }

    private void report(long wallNanos, long sentN, long receivedN, long dropped, long overflows, Map<String, Long> before,
                        Map<String, Long> after) {
        double wall = wallNanos / 1e9;
        long total = 0;
        Map<String, Long> delta = new TreeMap<>();
        for (var e : after.entrySet()) {
            long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (d > 0) delta.put(e.getKey(), d);
            total += Math.max(0, d);
        }
        double perPacketNs = receivedN == 0 ? Double.NaN : (double) total / receivedN;
        System.out.printf("measured %.1f s: sent %,d (%,.0f/s), arrived at phone B %,d (%,.0f/s), loss %.2f %%, dropped by the bridges %,d, "
                        + "kernel receive-buffer overflows %s%n",
                wall, sentN, sentN / wall, receivedN, receivedN / wall, sentN == 0 ? 0 : 100.0 * (sentN - receivedN) / sentN, dropped,
                overflows < 0 ? "unknown" : Long.toString(overflows));
        System.out.printf("forwarding path CPU (both nodes, every thread but the generator's): %.2f s = %.0f %% of a core; "
                + "%.2f µs per packet; %,.0f packets per CPU-second%n", total / 1e9, 100 * total / 1e9 / wall, perPacketNs / 1e3,
                1e9 / perPacketNs);
        delta.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(e -> System.out.printf("  %-50s %7.3f s  %6.2f µs/packet%n", e.getKey(), e.getValue() / 1e9,
                        receivedN == 0 ? 0 : e.getValue() / 1e3 / receivedN));
    }
}
