package io.peerdial.benchmarks;

import io.peerdial.p2p.net.StreamSocket;
import io.peerdial.p2p.net.UdpDatagramPath;
import io.peerdial.p2p.stream.StreamConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Throughput and small-message latency of the P2P stream ({@link StreamSocket}) over a direct UDP pair on
 * 127.0.0.1, both ends in this JVM.
 *
 * <p>Throughput: one side writes {@code mb} MiB in 64 KiB writes and closes, the other reads to the end;
 * MB/s = bytes / (first write .. end of stream seen), one fresh connection per run, {@code runs} runs after
 * one warm-up run. Latency: {@code messages} round trips of a {@code size}-byte message echoed by the peer on
 * one connection, after {@code messages / 10} warm-up round trips; reports p50/p99/max of the round trip.
 *
 * <p>Usage (from the repository root, after {@code mvn -B -q -pl benchmarks -am package -DskipTests}):
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.peerdial.benchmarks.StreamLoad [mb=200] [runs=5] [messages=20000] [size=64]
 * </pre>
 */
public final class StreamLoad {

    private StreamLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Long> o = new HashMap<>(Map.of("mb", 200L, "runs", 5L, "messages", 20_000L, "size", 64L));
        for (String a : args) {
            String[] kv = a.split("=", 2);
            if (kv.length != 2 || !o.containsKey(kv[0])) {
                throw new IllegalArgumentException("unknown option " + a + "; known: " + o.keySet());
            }
            o.put(kv[0], Long.parseLong(kv[1]));
        }
        int runs = o.get("runs").intValue();
        long bytes = o.get("mb") << 20;
        throughput(Math.min(bytes, 50L << 20)); // warm-up
        double[] rates = new double[runs];
        for (int i = 0; i < runs; i++) {
            rates[i] = throughput(bytes);
            System.out.printf("run %d: %.1f MB/s%n", i + 1, rates[i]);
        }
        Arrays.sort(rates);
        System.out.printf("throughput over %d MiB: median %.1f MB/s, min %.1f, max %.1f%n", bytes >> 20,
                rates[runs / 2], rates[0], rates[runs - 1]);
        latency(o.get("messages").intValue(), o.get("size").intValue());
    }

    private static StreamSocket[] pair() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        DatagramSocket a = new DatagramSocket(new InetSocketAddress(loopback, 0));
        DatagramSocket b = new DatagramSocket(new InetSocketAddress(loopback, 0));
        StreamConfig config = StreamConfig.defaults();
        return new StreamSocket[] {
            StreamSocket.open(new UdpDatagramPath(a, (InetSocketAddress) b.getLocalSocketAddress()), config, 1),
            StreamSocket.open(new UdpDatagramPath(b, (InetSocketAddress) a.getLocalSocketAddress()), config, 1)};
    }

    /** MB/s (10^6 bytes per second) of one transfer of {@code total} bytes. */
    private static double throughput(long total) throws Exception {
        StreamSocket[] s = pair();
        CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> {
            byte[] buffer = new byte[64 * 1024];
            long n = 0;
            try (InputStream in = s[1].getInputStream()) {
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
        String stats = s[0].stats().toString();
        s[0].abort(0);
        s[1].abort(0);
        System.out.println("  sender " + stats);
        return total / seconds / 1e6;
    }

    private static void latency(int messages, int size) throws Exception {
        StreamSocket[] s = pair();
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
        System.out.printf("round trip of %d-byte messages (%d): p50 %d us, p99 %d us, max %d us%n", size, messages,
                rttMicros.getValueAtPercentile(50), rttMicros.getValueAtPercentile(99), rttMicros.getMaxValue());
        s[0].abort(0);
        s[1].abort(0);
    }
}
