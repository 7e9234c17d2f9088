package io.peerdial.benchmarks;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the write token in every FIND_NODE / FIND_VALUE answer costs: the same computation as the
 * overlay's {@code WriteTokens.token} (package-private there), i.e. the first 64 bits of
 * HMAC-SHA256(secret, ip || port) with one keyed {@link Mac} reused across tokens.
 * Results: docs/PERFORMANCE.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WriteTokenBenchmark {

    private Mac mac;
    private InetSocketAddress address;

    @Setup
    public void setUp() throws GeneralSecurityException, UnknownHostException {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        address = new InetSocketAddress(InetAddress.getByName("198.51.100.7"), 40_000);
    }

    @Benchmark
    public long hmacToken() {
        mac.update(address.getAddress().getAddress());
        mac.update((byte) (address.getPort() >>> 8));
        mac.update((byte) address.getPort());
        return ByteBuffer.wrap(mac.doFinal()).getLong();
    }
}
