package io.peerdial.benchmarks;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.kademlia.OverlayConfig;
import io.peerdial.overlay.kademlia.OverlayNode;
import io.peerdial.overlay.kademlia.OverlayStatus;
import io.peerdial.overlay.runtime.OverlayRuntime;
import io.peerdial.overlay.runtime.RuntimeStats;
import io.peerdial.overlay.runtime.UdpRuntime;
import io.peerdial.overlay.storage.InMemoryStoragePolicy;
import io.peerdial.overlay.wire.FindNode;
import io.peerdial.overlay.wire.Header;
import io.peerdial.overlay.wire.Message;
import io.peerdial.overlay.wire.MessageCodec;
import io.peerdial.overlay.wire.WireException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Load generator: how many FIND_NODE requests one node answers per second over real loopback UDP,
 * and how fast.
 *
 * <p>It starts one {@link OverlayNode} (the node under test) on its own {@link OverlayRuntime} on
 * 127.0.0.1, fills its routing table by starting {@code peers} more nodes in this JVM that join
 * through it, and then sends FIND_NODE requests for random targets from a separate client (one
 * {@link DatagramChannel}, one sender and one receiver thread) for {@code duration} seconds. The
 * client sets the header's client flag, so it never enters a routing table. Responses are matched
 * by transaction id; a request without an answer within {@code grace} ms after the run is lost.
 * Measured requests begin after {@code warmup} seconds. The node under test has its per-source
 * rate limit lifted (the client is one source) and, as every node here, its per-subnet limits
 * relaxed (every node is on 127.0.0.1).
 *
 * <p>Usage (from the repository root, after {@code mvn -B -q -pl benchmarks -am package -DskipTests}):
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.peerdial.benchmarks.FindNodeLoad \
 *     [duration=10] [warmup=2] [rate=0] [window=256] [peers=30] [grace=1000] [seed=1] [echo=0]
 * </pre>
 * {@code echo=1} puts a core that sends each request back unchanged ({@link EchoCore}) on the
 * runtime instead of a node: the cost of the event loop and the kernel alone.
 * {@code rate=0} sends as fast as the {@code window} of outstanding requests allows (closed loop:
 * throughput); {@code rate=N} sends N requests per second whatever the answers (open loop:
 * latency and loss at a given load). Prints one summary block:
 * requests sent and answered, answered per second, loss, the p50/p90/p99/max response time, the
 * node loop thread's CPU time (datagrams per CPU-second) and the kernel's receive-buffer overflows.
 * Figures from this tool belong in docs/PERFORMANCE.md with the machine they were measured on.
 */
public final class FindNodeLoad {

    private final Map<String, Long> options;
    private final ConcurrentHashMap<Long, Long> sentAtNanos = new ConcurrentHashMap<>();
    private final Histogram latencyMicros = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private volatile long measureFromNanos;
    private LoopCpu loopCpu;

    private FindNodeLoad(Map<String, Long> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, Long> options = new HashMap<>(Map.of(
                "duration", 10L, "warmup", 2L, "rate", 0L, "window", 256L, "peers", 30L, "grace", 1000L, "seed", 1L,
                "echo", 0L));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0 || !options.containsKey(arg.substring(0, eq))) {
                System.err.println("FindNodeLoad: unknown argument '" + arg + "'; valid: " + options.keySet() + " as key=value");
                System.exit(2);
            }
            options.put(arg.substring(0, eq), Long.parseLong(arg.substring(eq + 1)));
        }
        new FindNodeLoad(options).run();
    }

    private void run() throws Exception {
        long overflowsBefore = UdpCounters.receiveBufferErrors();
        try {
            runNodes();
        } finally {
            long overflows = UdpCounters.receiveBufferErrors() - overflowsBefore;
            System.out.printf("kernel UDP receive-buffer overflows during the run (whole machine, /proc/net/snmp): %s%n",
                    overflowsBefore < 0 ? "unknown" : Long.toString(overflows));
        }
    }

    private void runNodes() throws Exception {
        SplittableRandom random = new SplittableRandom(options.get("seed"));
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        OverlayConfig loopbackConfig = OverlayConfig.defaults().withSubnetLimits(20, 100_000);
        OverlayConfig targetConfig = loopbackConfig.withRateLimit(1e9, 1e9);
        if (options.get("echo") != 0) {
            try (UdpRuntime<Void> echo = UdpRuntime.start(loopback, new EchoCore(), e -> {})) {
                System.out.printf("echo core (no protocol work) on %s%n", echo.localAddress());
                long sent = load(echo.localAddress(), LoopCpu.of(echo.localAddress(), echo::stats), random.split());
                report(sent, echo.stats());
            }
            return;
        }
        List<OverlayRuntime> nodes = new ArrayList<>();
        try {
            OverlayRuntime target = OverlayRuntime.start(loopback,
                    local -> new OverlayNode(targetConfig, NodeKeyPair.generate(random.split()), new InMemoryStoragePolicy(), random.split()),
                    e -> {});
            nodes.add(target);
            target.join(List.of()).get(10, TimeUnit.SECONDS);
            for (long i = 0; i < options.get("peers"); i++) {
                OverlayRuntime peer = OverlayRuntime.start(loopback,
                        local -> new OverlayNode(loopbackConfig, NodeKeyPair.generate(random.split()), new InMemoryStoragePolicy(), random.split()),
                        e -> {});
                nodes.add(peer);
                peer.join(List.of(target.localAddress())).get(30, TimeUnit.SECONDS);
            }
            OverlayStatus before = target.status().get(10, TimeUnit.SECONDS);
            System.out.printf("node under test %s on %s: %d contacts%n", before.nodeId().shortHex(),
                    target.localAddress(), before.contacts());
            long sent = load(target.localAddress(), LoopCpu.of(target.localAddress(), target::runtimeStats), random.split());
            report(sent, target.runtimeStats());
        } finally {
            nodes.forEach(OverlayRuntime::close);
        }
    }

    /** Sends requests for the configured time; returns how many measured requests were sent. */
    private long load(InetSocketAddress target, LoopCpu cpu, SplittableRandom random) throws Exception {
        long durationNanos = TimeUnit.SECONDS.toNanos(options.get("duration"));
        long warmupNanos = TimeUnit.SECONDS.toNanos(options.get("warmup"));
        long rate = options.get("rate");
        Semaphore window = new Semaphore((int) Math.max(1, options.get("window")));
        NodeId clientId = NodeId.random(random);
        long sent = 0;
        Thread receiver;
        try (DatagramChannel channel = DatagramChannel.open()) {
            // A large receive buffer, so that answers are not dropped here while this JVM's threads wait
            // for a core: lost requests should be the node's.
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            channel.connect(target); // only the node under test can answer
            receiver = new Thread(() -> receive(channel, window), "findnode-load-receiver");
            receiver.setDaemon(true);
            receiver.start();

            long start = System.nanoTime();
            measureFromNanos = start + warmupNanos;
            long end = measureFromNanos + durationNanos;
            long interval = rate > 0 ? TimeUnit.SECONDS.toNanos(1) / rate : 0;
            long next = start;
            long txid = random.nextLong();
            boolean measuring = false;
            for (long now = start; now < end; now = System.nanoTime()) {
                if (!measuring && now >= measureFromNanos) {
                    measuring = true;
                    cpu.begin();
                }
                if (rate > 0) {
                    if (now < next) {
                        LockSupport.parkNanos(next - now);
                        continue;
                    }
                    next += interval;
                } else if (!window.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                txid++;
                byte[] request = MessageCodec.encode(new FindNode(new Header(txid, clientId, true), NodeId.random(random)));
                long t = System.nanoTime();
                if (t >= measureFromNanos) sent++;
                sentAtNanos.put(txid, t);
                channel.write(ByteBuffer.wrap(request));
            }
            cpu.end();
            loopCpu = cpu;
            Thread.sleep(options.get("grace")); // late answers still count; after this they are lost
        }
        receiver.join(5_000); // closing the channel ended it; joining makes its histogram visible here
        return sent;
    }

    private void receive(DatagramChannel channel, Semaphore window) {
        ByteBuffer buffer = ByteBuffer.allocate(65_536);
        try {
            while (true) {
                buffer.clear();
                channel.receive(buffer);
                long now = System.nanoTime();
                buffer.flip();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                Message m;
                try {
                    m = MessageCodec.decode(bytes);
                } catch (WireException e) {
                    undecodable.incrementAndGet();
                    continue;
                }
                Long sentAt = sentAtNanos.remove(m.header().transactionId());
                if (sentAt == null) continue; // duplicate or unknown
                window.release();
                if (sentAt >= measureFromNanos) {
                    answered.incrementAndGet();
                    latencyMicros.recordValue(Math.min(latencyMicros.getHighestTrackableValue(), (now - sentAt) / 1_000));
                }
            }
        } catch (ClosedChannelException done) {
            // the run is over
        } catch (IOException e) {
            System.err.println("FindNodeLoad: receive failed: " + e);
        }
    }

    private void report(long sent, RuntimeStats stats) {
        double seconds = options.get("duration");
        long ok = answered.get();
        System.out.printf("mode: %s, duration %.0f s (after %d s warm-up), %d peers%n",
                options.get("rate") > 0 ? "open loop at " + options.get("rate") + " req/s" : "closed loop, window " + options.get("window"),
                seconds, options.get("warmup"), options.get("peers"));
        System.out.printf("requests sent %d, answered %d (%.0f answered/s), lost %d (%.3f %%), undecodable answers %d%n",
                sent, ok, ok / seconds, sent - ok, sent == 0 ? 0.0 : 100.0 * (sent - ok) / sent, undecodable.get());
        System.out.printf("response time us: p50 %d, p90 %d, p99 %d, max %d%n",
                latencyMicros.getValueAtPercentile(50), latencyMicros.getValueAtPercentile(90),
                latencyMicros.getValueAtPercentile(99), latencyMicros.getMaxValue());
        System.out.printf("node loop thread: %.2f s CPU in %.2f s (%.0f %% of one core), %.0f datagrams handled per CPU-second%n",
                loopCpu.cpuSeconds(), loopCpu.wallSeconds(), 100 * loopCpu.cpuSeconds() / loopCpu.wallSeconds(),
                loopCpu.datagrams() / loopCpu.cpuSeconds());
        System.out.printf("node under test: datagrams in %d, out %d, send queue drops %d, core errors %d%n",
                stats.datagramsIn(), stats.datagramsOut(), stats.sendsDropped(), stats.coreErrors());
    }
}
