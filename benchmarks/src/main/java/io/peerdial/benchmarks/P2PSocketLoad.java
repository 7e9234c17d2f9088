package io.peerdial.benchmarks;

import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.node.daemon.NodeDaemon;
import io.peerdial.node.daemon.Role;
import io.peerdial.node.relay.RelayOptions;
import io.peerdial.p2p.P2POptions;
import io.peerdial.p2p.P2PServerSocket;
import io.peerdial.p2p.P2PSocket;
import io.peerdial.p2p.PathType;
import io.peerdial.p2p.PeerNotFoundException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
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
 * <p>One connection for everything (a relay admits a bounded number of allocations per requester, and closed
 * ones linger). Throughput: alice writes {@code mb} MiB in 64 KiB writes, bob reads them and answers one byte;
 * MB/s = 10^6 bytes / (first write .. answer), {@code runs} runs after a 20 MiB warm-up run. Latency:
 * {@code messages} round trips of a {@code size}-byte message echoed by bob, after {@code messages / 10}
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
        int status = 0;
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // JAIN-SIP's EventScannerThread is not a daemon and outlives SipStack.stop()
    }

    private static void run(String[] args) throws Exception {
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
        RelayOptions relayOptions = new RelayOptions(true, null, 0, 52_600, 52_699, 10, 200_000_000L, 600_000, "any", true, 1);
        try (NodeDaemon seed = NodeDaemon.start(new NodeDaemon.Settings(any, List.of(), dir.resolve("seed"), any, Role.SUPER,
                TrustAnchors.none(), any), relayOptions)) {
            List<InetSocketAddress> boot = List.of(seed.runtime().localAddress());
            P2POptions a = P2POptions.of(dir.resolve("alice")).onLoopback().withBootstrap(boot).withName("alice").withRole(Role.SUPER);
            P2POptions b = P2POptions.of(dir.resolve("bob")).onLoopback().withBootstrap(boot).withName("bob").withRole(Role.SUPER);
            try (P2PServerSocket alice = P2PServerSocket.bind(relay ? a.withRelayOnlyForTests() : a);
                 P2PServerSocket bob = P2PServerSocket.bind(b)) {
                if (relay) {
                    String role = seed.relay().tickNow().get(WAIT.toSeconds(), TimeUnit.SECONDS).role();
                    if (!role.equals("relay")) throw new IllegalStateException("the seed does not relay: " + role);
                }
                int size = Integer.parseInt(o.get("size"));
                P2PSocket[] pair = connect(alice, bob, relay);
                try (P2PSocket out = pair[0]; P2PSocket in = pair[1]) {
                    System.out.println("  " + out.path());
                    responder(in, size);
                    throughput(out, Math.min(bytes, 20L << 20)); // warm-up
                    double[] rates = new double[runs];
                    for (int i = 0; i < runs; i++) {
                        rates[i] = throughput(out, bytes);
                        System.out.printf("run %d: %.1f MB/s%n", i + 1, rates[i]);
                    }
                    Arrays.sort(rates);
                    System.out.printf("%s path, throughput over %d MiB: median %.1f MB/s, min %.1f, max %.1f%n", o.get("path"),
                            bytes >> 20, rates[runs / 2], rates[0], rates[runs - 1]);
                    latency(out, o.get("path"), Integer.parseInt(o.get("messages")), size);
                }
            }
        }
    }

    private static P2PSocket[] connect(P2PServerSocket alice, P2PServerSocket bob, boolean relay) throws Exception {
        CompletableFuture<P2PSocket> incoming = bob.acceptAsync();
        P2PSocket out;
        for (int attempt = 1; ; attempt++) {
            try {
                out = alice.connect(bob.localAddress(), WAIT);
                break;
            } catch (PeerNotFoundException e) {
                // a fresh three-node overlay: bob's binding may not be readable yet right after his bind
                if (attempt == 5) throw e;
                Thread.sleep(1_000);
            }
        }
        P2PSocket in = incoming.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        PathType expected = relay ? PathType.RELAYED : PathType.DIRECT;
        if (out.path().type() != expected || in.path().type() != expected) {
            throw new IllegalStateException("expected a " + expected + " path: " + out.path() + " / " + in.path());
        }
        return new P2PSocket[] {out, in};
    }

    /**
     * Bob's side of every measurement, on one connection (a relay allocation per connection is what a relay
     * admits per requester: fresh connections per run would run into its caps). Commands: {@code T n}: read n
     * bytes, answer one byte; {@code E n}: echo n messages of {@code size} bytes.
     */
    private static Thread responder(P2PSocket s, int size) {
        Thread t = new Thread(() -> {
            try {
                DataInputStream in = new DataInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                byte[] buffer = new byte[64 * 1024];
                while (true) {
                    int command = in.read();
                    if (command < 0) return;
                    long n = in.readLong();
                    if (command == 'T') {
                        for (long left = n; left > 0; ) {
                            int r = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                            if (r < 0) throw new IOException("stream ended early");
                            left -= r;
                        }
                        out.write(1);
                    } else {
                        for (long i = 0; i < n; i++) {
                            in.readFully(buffer, 0, size);
                            out.write(buffer, 0, size);
                        }
                    }
                }
            } catch (IOException e) {
                // the run ended
            }
        }, "responder");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** MB/s (10^6 bytes per second) of one transfer of {@code total} bytes, until bob's one-byte answer. */
    private static double throughput(P2PSocket s, long total) throws IOException {
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        byte[] chunk = new byte[64 * 1024];
        long start = System.nanoTime();
        out.write('T');
        out.writeLong(total);
        for (long sent = 0; sent < total; sent += chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, total - sent));
        }
        if (s.getInputStream().read() != 1) {
            throw new IllegalStateException("no answer after the transfer");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return total / seconds / 1e6;
    }

    private static void latency(P2PSocket s, String path, int messages, int size) throws IOException {
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        InputStream in = s.getInputStream();
        int warmUp = messages / 10;
        out.write('E');
        out.writeLong(warmUp + messages);
        Histogram rttMicros = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
        byte[] message = new byte[size];
        for (int i = -warmUp; i < messages; i++) {
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
                path, size, messages, rttMicros.getValueAtPercentile(50), rttMicros.getValueAtPercentile(99),
                rttMicros.getMaxValue());
    }
}
