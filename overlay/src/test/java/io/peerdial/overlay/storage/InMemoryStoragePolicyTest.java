package io.peerdial.overlay.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.identity.NodeId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InMemoryStoragePolicyTest {

    private static final long TTL = 1_000;

    @Test
    void storesGetsAndExpires() {
        InMemoryStoragePolicy p = new InMemoryStoragePolicy(TTL, 2, 1 << 20);
        NodeId key = NodeId.random(new SplittableRandom(1));
        assertThat(p.keys()).isEmpty();
        assertThat(p.store(0, key, new byte[] {1}).stored()).isTrue();
        assertThat(p.store(10, key, new byte[] {2}).stored()).isTrue();
        assertThat(p.store(20, key, new byte[] {3}).status()).isEqualTo(StoreStatus.KEY_FULL);
        assertThat(p.get(500, key)).containsExactly(new byte[] {1}, new byte[] {2});
        assertThat(p.keys()).containsExactly(key);
        p.expire(TTL + 5);
        assertThat(p.get(TTL + 5, key)).containsExactly(new byte[] {2});
        p.expire(TTL + 10);
        assertThat(p.valueCount()).isZero();
        assertThat(p.keys()).isEmpty();
        assertThat(p.get(TTL + 10, key)).isEmpty();
    }

    /**
     * keys() order is behaviour (handoffs go out in it): after the store empties (its map may be
     * dropped) and fills again, it iterates as one HashMap kept all along would (fed as the policy
     * feeds its own: computeIfAbsent, which puts a new key at the head of its bin, put at the tail).
     */
    @Test
    void keysIterateAsOneLongLivedHashMapAcrossEmptyings() {
        SplittableRandom r = new SplittableRandom(4);
        InMemoryStoragePolicy p = new InMemoryStoragePolicy(TTL, 64, 1 << 20);
        Map<NodeId, Boolean> model = new HashMap<>();
        long now = 0;
        for (int round = 0; round < 40; round++) {
            int keys = round % 5 == 4 ? 20 : 1 + r.nextInt(7); // now and then past the droppable size
            for (int i = 0; i < keys; i++) {
                NodeId k = NodeId.random(r);
                p.store(now, k, new byte[] {(byte) i});
                model.computeIfAbsent(k, x -> true);
            }
            assertThat(p.keys()).containsExactlyElementsOf(new ArrayList<>(model.keySet()));
            now += TTL; // everything expires
            p.expire(now);
            model.clear();
            assertThat(p.keys()).isEmpty();
        }
    }

    @Test
    void refusedFirstValueLeavesNoKey() {
        InMemoryStoragePolicy p = new InMemoryStoragePolicy(TTL, 4, 3);
        NodeId key = NodeId.random(new SplittableRandom(2));
        assertThat(p.store(0, key, new byte[] {1, 2, 3, 4}).status()).isEqualTo(StoreStatus.STORAGE_FULL);
        assertThat(p.keys()).isEmpty();
        List<byte[]> none = p.get(0, key);
        assertThat(none).isEmpty();
    }
}
