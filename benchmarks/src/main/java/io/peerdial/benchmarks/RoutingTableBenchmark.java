package io.peerdial.benchmarks;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.routing.InsertResult;
import io.peerdial.overlay.routing.RoutingTable;
import io.peerdial.overlay.wire.Contact;
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
 * Routing-table cost on the paths every datagram takes: {@code offer} (each message from a proved
 * contact) and {@code closest} (each FIND_NODE answer asks for k + 1 = 21 to drop the requester,
 * and each lookup start asks for k = 20). Tables are filled bucket by bucket (k contacts with a
 * common prefix of exactly 0, 1, 2, ... bits with our ID) from random public IPv4 addresses, with the
 * subnet limits relaxed so that they never refuse one: {@code size} 150 is about what a node of a
 * network of some thousands holds, 3,000 is 150 full buckets, far beyond any real network
 * (a network of 10^6 nodes gives ~16 full buckets, ~330 contacts). Results: docs/PERFORMANCE.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RoutingTableBenchmark {

    private static final int K = 20;
    private static final int TARGETS = 1024; // cycled through, so no single target's bucket dominates

    /** Contacts in the table of the {@code closest*} benchmarks; the {@code offer*} ones use 200. */
    @Param({"150", "3000"})
    public int size;

    private final SplittableRandom random = new SplittableRandom(7);
    private NodeId self;
    private RoutingTable table;
    private RoutingTable table200;
    private Contact[] present;
    private Contact[] newcomersFullBucket;
    private Contact[] newcomersRoomyBucket;
    private NodeId[] targets;
    private int next;
    private long now;

    @Setup
    public void setUp() throws UnknownHostException {
        self = NodeId.random(random);
        table = filled(size);
        table200 = filled(200);
        present = table200.contacts().toArray(Contact[]::new);
        targets = new NodeId[TARGETS];
        newcomersFullBucket = new Contact[TARGETS];
        newcomersRoomyBucket = new Contact[TARGETS];
        for (int i = 0; i < TARGETS; i++) {
            targets[i] = NodeId.random(random);
            newcomersFullBucket[i] = contact(NodeId.randomInBucket(self, i % (200 / K), random)); // buckets 0..9: full
            newcomersRoomyBucket[i] = contact(NodeId.randomInBucket(self, 200 / K, random));     // bucket 10: empty
        }
        now = 1_000;
    }

    private RoutingTable filled(int contacts) throws UnknownHostException {
        RoutingTable t = new RoutingTable(self, K, K, 1_000_000);
        for (int i = 0; t.size() < contacts; i++) {
            InsertResult r = t.offer(contact(NodeId.randomInBucket(self, i / K, random)), 0);
            if (r.outcome() != InsertResult.Outcome.ADDED) throw new IllegalStateException("not added: " + r);
        }
        return t;
    }

    private Contact contact(NodeId id) throws UnknownHostException {
        byte[] ip = new byte[4];
        random.nextBytes(ip);
        ip[0] = (byte) (1 + random.nextInt(223)); // unicast, not 0.x or multicast
        if (ip[0] == 127) ip[0] = 126;            // not loopback (which has no subnet key)
        return new Contact(id, new InetSocketAddress(InetAddress.getByAddress(ip), 1024 + random.nextInt(60_000)));
    }

    private int next() {
        return next = (next + 1) & (TARGETS - 1);
    }

    /** k = 20 closest: what a lookup seeds itself with. */
    @Benchmark
    public List<Contact> closest20() {
        return table.closest(targets[next()], K);
    }

    /** k + 1 = 21 closest: what {@code OverlayNode} asks for to answer a FIND_NODE (then drops the requester). */
    @Benchmark
    public List<Contact> closest21() {
        return table.closest(targets[next()], K + 1);
    }

    /** A message from a contact already in the 200-contact table: it moves to its bucket's tail. */
    @Benchmark
    public InsertResult offerKnown() {
        return table200.offer(present[next() % present.length], ++now);
    }

    /** A newcomer whose bucket is full: it goes to the replacement cache, the head is named for a ping. */
    @Benchmark
    public InsertResult offerNewFullBucket() {
        return table200.offer(newcomersFullBucket[next()], ++now);
    }

    /** A newcomer into a bucket with room (added), then removed again so the table stays at 200. */
    @Benchmark
    public InsertResult offerNewThenRemove() {
        Contact c = newcomersRoomyBucket[next()];
        InsertResult r = table200.offer(c, ++now);
        table200.remove(c.id());
        return r;
    }
}
