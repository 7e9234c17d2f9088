package io.peerdial.benchmarks;

import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.node.daemon.NodeDaemon;
import io.peerdial.node.daemon.Role;
import io.peerdial.node.relay.RelayOptions;
import io.peerdial.p2p.P2POptions;
import io.peerdial.p2p.P2PServerSocket;
import io.peerdial.p2p.P2PSocket;
import io.peerdial.p2p.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Throughput and small-message latency of a {@link P2PSocket}'s stream, end to end through the public API: a seed
 * super-node running a TURN relay (loopback peers allowed) and two endpoints (each an embedded node) on
 * 127.0.0.1, all in this JVM. {@code path=direct}: ICE selects the direct loopback pair;
 * {@code path=relay}: the caller uses {@link P2POptions#withRelayOnlyForTests()} (tests and benchmarks only), so
 * every datagram goes through the seed's TURN relay (ChannelData both ways). The path type is checked.
 *
 * <p>Throughput: one side writes {@code mb} MiB in 64 KiB writes and half-closes, the other reads to the end;
 * MB/s = 10^6 bytes / s, one fresh connection per run, {@code runs} runs after one warm-up run. Latency:
 * {@code messages} round trips of a {@code size}-byte message echoed on the stream, after {@code messages / 10}
 * warm-up ones; p50/p99/max.
 *
 * <pre>
 * mvn -B -q -o -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.peerdial.benchmarks.P2PSocketLoad path=direct mb=100 runs=3 messages=10000 size=64
 * java -cp benchmarks/target/benchmarks.jar io.peerdial.benchmarks.P2PSocketLoad path=relay mb=100 runs=3 messages=10000 size=64
 * </pre>
 */
public final class P2PSocketLoad {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private P2PSocketLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("path", "direct", "mb", "100", "runs", "3", "messages", "10000",
                "size", "64"));
        for (String a : args) {
            String[] kv = a.split("=", 2);
            if (kv.length != 2 || !o.containsKey(kv[0])) {
                throw new IllegalArgumentException("unknown option " + a + "; known: " + o.keySet());
            }
            o.put(kv[0], kv[1]);
        }
        boolean relay = switch (o.get("path")) {
            case "direct" -> false;
            case "relay" -> true;
            default -> throw new IllegalArgumentException("path=direct|relay");
        };
        int runs = Integer.parseInt(o.get("runs"));
        long bytes = Long.parseLong(o.get("mb")) << 20;
        Path dir = Files.createTempDirectory("peerdial-p2pload");
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        RelayOptions relayOptions = new RelayOptions(true, null, 0, 52_600, 52_699, 10, 1_000_000_000L, 600_000, "any", true, 1);
        try (NodeDaemon seed = NodeDaemon.start(new NodeDaemon.Settings(any, List.of(), dir.resolve("seed"), any, Role.SUPER,
                TrustAnchors.none(), any), relayOptions)) {
            List<InetSocketAddress> boot = List.of(seed.runtime().localAddress());
            P2POptions a = P2POptions.of(dir.resolve("alice")).onLoopback().withBootstrap(boot).withName("alice").withRole(Role.SUPER);
            P2POptions b = P2POptions.of(dir.resolve("bob")).onLoopback().withBootstrap(boot).withName("bob").withRole(Role.SUPER);
            try (P2PServerSocket alice = P2PServerSocket.bind(relay ? a.withRelayOnlyForTests() : a);
                 P2PServerSocket bob = P2PServerSocket.bind(b)) {
                if (relay) {
                    seed.relay().tickNow().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                }
                throughput(alice, bob, relay, Math.min(bytes, 20L << 20)); // warm-up
                double[] rates = new double[runs];
                for (int i = 0; i < runs; i++) {
                    rates[i] = throughput(alice, bob, relay, bytes);
                    System.out.printf("run %d: %.1f MB/s%n", i + 1, rates[i]);
                }
                Arrays.sort(rates);
                System.out.printf("%s path, throughput over %d MiB: median %.1f MB/s, min %.1f, max %.1f%n", o.get("path"),
                        bytes >> 20, rates[runs / 2], rates[0], rates[runs - 1]);
                latency(alice, bob, relay, Integer.parseInt(o.get("messages")), Integer.parseInt(o.get("size")));
            }
        }
    }

    private static P2PSocket[] connect(P2PServerSocket alice, P2PServerSocket bob, boolean relay) throws Exception {
        CompletableFuture<P2PSocket> incoming = bob.acceptAsync();
        P2PSocket out = alice.connect(bob.localAddress(), WAIT);
        P2PSocket in = incoming.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        PathType expected = relay ? PathType.RELAYED : PathType.DIRECT;
        if (out.path().type() != expected || in.path().type() != expected) {
            throw new IllegalStateException("expected a " + expected + " path: " + out.path() + " / " + in.path());
        }
        return new P2PSocket[] {out, in};
    }

    /** MB/s (10^6 bytes per second) of one transfer of {@code total} bytes on a fresh connection. */
    private static double throughput(P2PServerSocket alice, P2PServerSocket bob, boolean relay, long total) throws Exception {
        P2PSocket[] s = connect(alice, bob, relay);
        try {
            CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> {
                byte[] buffer = new byte[64 * 1024];
                long n = 0;
                try {
                    InputStream in = s[1].getInputStream();
                    for (int r; (r = in.read(buffer)) >= 0; ) {
                        n += r;
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                return n;
            });
            byte[] chunk = new byte[64 * 1024];
            long start = System.nanoTime();
            OutputStream out = s[0].getOutputStream();
            for (long sent = 0; sent < total; sent += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, total - sent));
            }
            s[0].shutdownOutput();
            long got = reader.get(10, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (got != total) {
                throw new IllegalStateException("received " + got + " of " + total);
            }
            System.out.println("  " + s[0].path());
            return total / seconds / 1e6;
        } finally {
            s[0].close();
            s[1].close();
        }
    }

    private static void latency(P2PServerSocket alice, P2PServerSocket bob, boolean relay, int messages, int size)
            throws Exception {
        P2PSocket[] s = connect(alice, bob, relay);
        Thread echo = new Thread(() -> {
            byte[] buffer = new byte[size];
            try {
                InputStream in = s[1].getInputStream();
                OutputStream out = s[1].getOutputStream();
                while (in.readNBytes(buffer, 0, size) == size) {
                    out.write(buffer);
                }
            } catch (IOException e) {
                // the run ended
            }
        }, "echo");
        echo.setDaemon(true);
        echo.start();
        Histogram rttMicros = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
        byte[] message = new byte[size];
        InputStream in = s[0].getInputStream();
        OutputStream out = s[0].getOutputStream();
        for (int i = -messages / 10; i < messages; i++) {
            long t0 = System.nanoTime();
            out.write(message);
            if (in.readNBytes(message, 0, size) != size) {
                throw new IllegalStateException("echo ended early");
            }
            if (i >= 0) {
                rttMicros.recordValue((System.nanoTime() - t0) / 1_000);
            }
        }
        System.out.printf("%s path, round trip of %d-byte messages (%d): p50 %d us, p99 %d us, max %d us%n",
                relay ? "relay" : "direct", size, messages, rttMicros.getValueAtPercentile(50),
                rttMicros.getValueAtPercentile(99), rttMicros.getMaxValue());
        s[0].close();
        s[1].close();
    }
}
