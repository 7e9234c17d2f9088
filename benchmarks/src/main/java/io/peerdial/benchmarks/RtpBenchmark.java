package io.peerdial.benchmarks;

import io.peerdial.node.media.rtp.RtpCodec;
import io.peerdial.node.media.rtp.RtpFormatException;
import io.peerdial.node.media.rtp.RtpHeaderView;
import io.peerdial.node.media.rtp.RtpPacket;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-packet RTP cost for the media bridge (target: 10^5 packets/s per node), on a 20 ms G.711 packet
 * (12-byte header + 160 bytes): full decode to an {@link RtpPacket} and encode into a reused buffer, versus
 * the allocation-free header path a forwarder uses (validate, read SSRC/seq, rewrite SSRC).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RtpBenchmark {

    private byte[] wire;
    private final byte[] out = new byte[RtpCodec.MAX_PACKET_SIZE];

    @Setup
    public void setUp() {
        byte[] payload = new byte[160];
        new SplittableRandom(42).nextBytes(payload);
        wire = RtpCodec.encode(RtpPacket.of(false, 0, 4711, 123_456_789L, 0xCAFE_BABEL, payload));
    }

    @Benchmark
    public int decodeThenEncode() throws RtpFormatException {
        return RtpCodec.encode(RtpCodec.decode(wire), out, 0);
    }

    @Benchmark
    public long headerViewForward() throws RtpFormatException {
        int payloadOffset = RtpHeaderView.validate(wire, 0, wire.length);
        long ssrc = RtpHeaderView.ssrc(wire, 0);
        int seq = RtpHeaderView.sequenceNumber(wire, 0);
        RtpHeaderView.setSsrc(wire, 0, ssrc); // rewrite in place, as a bridge re-originating the stream does
        return payloadOffset + ssrc + seq;
    }
}
