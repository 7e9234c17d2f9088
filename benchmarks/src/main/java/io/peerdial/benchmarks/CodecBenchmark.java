package io.peerdial.benchmarks;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.wire.Contact;
import io.peerdial.overlay.wire.Header;
import io.peerdial.overlay.wire.Message;
import io.peerdial.overlay.wire.MessageCodec;
import io.peerdial.overlay.wire.Nodes;
import io.peerdial.overlay.wire.WireException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Overlay codec cost for the largest common answer: a NODES response with k = 20 contacts, the
 * message every hop of every iterative lookup receives. Results: docs/PERFORMANCE.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {

    @Param({"ipv4", "ipv6"})
    public String family;

    private Nodes nodes;
    private byte[] wire;

    @Setup
    public void setUp() throws UnknownHostException {
        SplittableRandom random = new SplittableRandom(42);
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; i < MessageCodec.MAX_CONTACTS; i++) {
            byte[] ip = new byte[family.equals("ipv4") ? 4 : 16];
            random.nextBytes(ip);
            ip[0] = family.equals("ipv4") ? (byte) 198 : (byte) 0x20; // stay clear of IPv4-mapped forms
            contacts.add(new Contact(NodeId.random(random),
                    new InetSocketAddress(InetAddress.getByAddress(ip), 1024 + random.nextInt(60000))));
        }
        Header header = new Header(random.nextLong(), NodeId.random(random), false);
        nodes = new Nodes(header, contacts.get(0).address(), random.nextLong(), contacts);
        wire = MessageCodec.encode(nodes);
    }

    @Benchmark
    public byte[] encode() {
        return MessageCodec.encode(nodes);
    }

    @Benchmark
    public Message decode() throws WireException {
        return MessageCodec.decode(wire);
    }

    @Benchmark
    public Message encodeThenDecode() throws WireException {
        return MessageCodec.decode(MessageCodec.encode(nodes));
    }
}
