package io.peerdial.benchmarks;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.macs.SipHash;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the write token in every FIND_NODE / FIND_VALUE answer costs: the overlay's
 * {@code WriteTokens.token} (package-private there) — SipHash-2-4 of ip || port, the engine keyed
 * for each token with the node's secret — against the HMAC-SHA256 it replaced, keyed for each
 * token the same way (one {@link Mac} per thread, the node's secret) and truncated to 64 bits.
 * Results: docs/PERFORMANCE.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WriteTokenBenchmark {

    private Mac mac;
    private byte[] hmacSecret;
    private SipHash sipHash;
    private KeyParameter sipKey;
    private InetSocketAddress address;

    @Setup
    public void setUp() throws GeneralSecurityException, UnknownHostException {
        mac = Mac.getInstance("HmacSHA256");
        hmacSecret = new byte[32];
        sipHash = new SipHash();
        sipKey = new KeyParameter(new byte[16]);
        address = new InetSocketAddress(InetAddress.getByName("198.51.100.7"), 40_000);
    }

    @Benchmark
    public long sipHash24() {
        sipHash.init(sipKey);
        byte[] ip = address.getAddress().getAddress();
        sipHash.update(ip, 0, ip.length);
        sipHash.update((byte) (address.getPort() >>> 8));
        sipHash.update((byte) address.getPort());
        return sipHash.doFinal();
    }

    @Benchmark
    public long hmacSha256Rekeyed() throws GeneralSecurityException {
        mac.init(new SecretKeySpec(hmacSecret, "HmacSHA256"));
        mac.update(address.getAddress().getAddress());
        mac.update((byte) (address.getPort() >>> 8));
        mac.update((byte) address.getPort());
        byte[] digest = mac.doFinal();
        long first64 = 0;
        for (int i = 0; i < 8; i++) first64 = first64 << 8 | (digest[i] & 0xFF);
        return first64;
    }
}
