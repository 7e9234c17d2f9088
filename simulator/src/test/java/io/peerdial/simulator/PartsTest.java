package io.peerdial.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.kademlia.NodeAuthenticator;
import io.peerdial.simulator.auth.SimIdentities;
import io.peerdial.simulator.engine.EventHeap;
import io.peerdial.simulator.metrics.ClosestLive;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PartsTest {

    @Test
    void heapPopsInTimeThenInsertionOrder() {
        SplittableRandom r = new SplittableRandom(1);
        EventHeap h = new EventHeap(4);
        List<long[]> added = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            long t = r.nextLong(100);
            h.add(t, i, null);
            added.add(new long[] {t, i});
        }
        added.sort(Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1]));
        for (long[] want : added) {
            assertThat(h.peekTime()).isEqualTo(want[0]);
            assertThat(h.peekTag()).isEqualTo(want[1]);
            h.removeFirst();
        }
        assertThat(h.isEmpty()).isTrue();
    }

    @Test
    void heapInterleavingAddsAndRemovesMatchesASortedModel() {
        SplittableRandom r = new SplittableRandom(3);
        EventHeap h = new EventHeap(1);
        java.util.PriorityQueue<long[]> model = new java.util.PriorityQueue<>(
                Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1]));
        long now = 0;
        for (int i = 0; i < 20_000; i++) {
            if (model.isEmpty() || r.nextInt(3) > 0) {
                long t = now + r.nextLong(50);
                h.add(t, 1000L + i, "p" + i);
                model.add(new long[] {t, i});
            } else {
                long[] want = model.poll();
                assertThat(h.peekTime()).isEqualTo(want[0]);
                assertThat(h.peekTag()).isEqualTo(1000L + want[1]);
                assertThat(h.peekPayload()).isEqualTo("p" + want[1]);
                now = want[0];
                h.removeFirst();
            }
            assertThat(h.size()).isEqualTo(model.size());
        }
    }

    @Test
    void closestLiveMatchesBruteForce() {
        SplittableRandom r = new SplittableRandom(2);
        ClosestLive live = new ClosestLive();
        List<NodeId> ids = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            NodeId id = NodeId.random(r);
            ids.add(id);
            live.add(id);
        }
        for (int i = 0; i < 500; i++) live.remove(ids.remove(ids.size() - 1));
        for (int q = 0; q < 2000; q++) {
            NodeId target = q % 3 == 0 ? ids.get(r.nextInt(ids.size())) : NodeId.random(r);
            NodeId exclude = q % 2 == 0 ? ids.get(r.nextInt(ids.size())) : null;
            NodeId best = null;
            for (NodeId id : ids) {
                if (id.equals(exclude)) continue;
                if (best == null || target.compareDistance(id, best) < 0) best = id;
            }
            assertThat(live.closest(target, exclude)).isEqualTo(best);
        }
        assertThat(live.size()).isEqualTo(1500);
    }

    @Test
    void onlyTheHolderOfAnIdentityCanProveIt() {
        SimIdentities reg = new SimIdentities();
        NodeAuthenticator alice = reg.create(new SplittableRandom(3));
        NodeAuthenticator mallory = reg.create(new SplittableRandom(4));
        byte[] nonce = new byte[16];
        new SplittableRandom(5).nextBytes(nonce);
        byte[] proof = alice.prove(nonce);
        assertThat(proof).hasSize(64);
        assertThat(mallory.verify(alice.nodeId(), alice.publicKey(), nonce, proof)).isTrue();
        // Mallory knows Alice's public key but can only produce proofs for her own identity.
        assertThat(alice.verify(alice.nodeId(), alice.publicKey(), nonce, mallory.prove(nonce))).isFalse();
        assertThat(alice.verify(alice.nodeId(), mallory.publicKey(), nonce, mallory.prove(nonce))).isFalse();
        byte[] otherNonce = nonce.clone();
        otherNonce[0] ^= 1;
        assertThat(mallory.verify(alice.nodeId(), alice.publicKey(), otherNonce, proof)).isFalse();
        assertThat(NodeId.sha256Prefix(alice.publicKey())).isEqualTo(alice.nodeId());
    }

    @Test
    void identitiesProveAndVerifyOnSeveralThreadsAtOnce() throws Exception {
        SimIdentities reg = new SimIdentities(); // the parallel engine's partitions share one registry
        NodeAuthenticator[] ids = new NodeAuthenticator[8];
        for (int i = 0; i < ids.length; i++) ids[i] = reg.create(new SplittableRandom(i));
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int seed = t;
            threads[t] = new Thread(() -> {
                SplittableRandom r = new SplittableRandom(seed);
                for (int n = 0; n < 2_000; n++) {
                    NodeAuthenticator a = ids[r.nextInt(ids.length)], b = ids[r.nextInt(ids.length)];
                    byte[] nonce = new byte[16];
                    r.nextBytes(nonce);
                    boolean ok = b.verify(a.nodeId(), a.publicKey(), nonce, a.prove(nonce));
                    boolean forged = a != b && b.verify(a.nodeId(), a.publicKey(), nonce, b.prove(nonce));
                    if (!ok || forged) wrong.incrementAndGet(); // a shared digest would mix two threads' inputs
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) t.join();
        assertThat(wrong.get()).isZero();
    }
}
