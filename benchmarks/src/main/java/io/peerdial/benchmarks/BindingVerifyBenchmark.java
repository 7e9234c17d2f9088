package io.peerdial.benchmarks;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.binding.Binding;
import io.peerdial.location.binding.BindingContact;
import io.peerdial.location.binding.BindingEntries;
import io.peerdial.location.binding.Capability;
import io.peerdial.location.binding.Reachability;
import io.peerdial.location.entry.EntryCodec;
import io.peerdial.location.entry.EntryFormatException;
import io.peerdial.location.entry.SignedEntry;
import io.peerdial.location.storage.BindingStoragePolicy;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.storage.StoreOutcome;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signed bindings on one core: decode + Ed25519 verify of one entry (what every reader does per
 * value), and the storing node's full {@code store()} path with every signature verified (issue
 * target: at least 10,000 signed writes/s). Run: {@code java -jar benchmarks.jar BindingVerify}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class BindingVerifyBenchmark {

    private static final long T0 = 1_700_000_000_000L;
    /** Distinct signed writes prepared in advance: more than one iteration stores at ~15k/s. */
    private static final int WRITES = 1 << 15;
    private static final int DEVICES = 256;

    private byte[][] writes;
    private NodeId[] keys;
    private BindingStoragePolicy policy;
    private int next;

    @Setup(Level.Trial)
    public void prepare() throws UnknownHostException {
        SplittableRandom random = new SplittableRandom(42);
        InetAddress ip = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 10});
        writes = new byte[WRITES][];
        keys = new NodeId[WRITES];
        NodeKeyPair[] owners = new NodeKeyPair[DEVICES];
        Aor[] aors = new Aor[DEVICES];
        for (int d = 0; d < DEVICES; d++) {
            owners[d] = NodeKeyPair.generate(random);
            aors[d] = Aor.parse("user" + d + "@example.org");
        }
        // every (owner, device) gets increasing seqs, interleaved: each write is a fresh, verified update
        for (int i = 0; i < WRITES; i++) {
            int d = i % DEVICES;
            Binding b = new Binding(aors[d], owners[d].nodeId(), Reachability.CONE, Capability.setOf(),
                    List.of(BindingContact.direct(BindingContact.Transport.UDP, ip, 5060 + d)));
            SignedEntry e = BindingEntries.sign(owners[d], b, 1 + i / DEVICES, T0, T0 + 3600_000L);
            writes[i] = EntryCodec.encode(e);
            keys[i] = aors[d].dhtKey();
        }
        freshPolicy();
    }

    private void freshPolicy() {
        policy = new BindingStoragePolicy();
        next = 0;
    }

    @Setup(Level.Iteration)
    public void newIteration() {
        freshPolicy();
    }

    /** One reader-side check: decode the bytes and verify the owner's signature. */
    @Benchmark
    public boolean decodeAndVerify() throws EntryFormatException {
        int i = next++ & (WRITES - 1);
        return EntryCodec.decode(writes[i]).verifySignature();
    }

    /** One storing-node write: every check of the policy, signature included (never the idempotent path). */
    @Benchmark
    public StoreOutcome storeSignedWrite() {
        if (next == WRITES) freshPolicy(); // seqs would repeat: start over on an empty node (rare, cheap)
        int i = next++;
        StoreOutcome o = policy.store(T0, keys[i], writes[i]);
        if (!o.stored()) throw new IllegalStateException("benchmark write refused: " + o);
        return o;
    }
}
