package io.peerdial.overlay.kademlia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongMapTest {

    @Test
    void agreesWithHashMapUnderRandomOperations() {
        SplittableRandom r = new SplittableRandom(3);
        for (int round = 0; round < 20; round++) {
            LongMap<String> map = new LongMap<>();
            Map<Long, String> model = new HashMap<>();
            // few distinct keys (many collisions and removals in probe runs) or random 64-bit ones
            long range = round % 2 == 0 ? 50 : Long.MAX_VALUE;
            for (int op = 0; op < 5_000; op++) {
                long key = 1 + r.nextLong(range);
                if (round % 4 == 3) key = key << 20; // sequential-looking ids spread too
                switch (r.nextInt(3)) {
                    case 0 -> {
                        String v = "v" + op;
                        map.put(key, v);
                        model.put(key, v);
                    }
                    case 1 -> assertThat(map.remove(key)).isEqualTo(model.remove(key));
                    default -> assertThat(map.get(key)).isEqualTo(model.get(key));
                }
                assertThat(map.size()).isEqualTo(model.size());
            }
            for (Map.Entry<Long, String> e : model.entrySet()) assertThat(map.get(e.getKey())).isEqualTo(e.getValue());
        }
    }

    @Test
    void keyZeroIsNeverStoredNorFound() {
        LongMap<String> map = new LongMap<>();
        assertThat(map.get(0)).isNull();
        assertThat(map.remove(0)).isNull();
        assertThatThrownBy(() -> map.put(0, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> map.put(1, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shrinksAfterABurst() {
        LongMap<String> map = new LongMap<>();
        for (long k = 1; k <= 1000; k++) map.put(k, "x");
        for (long k = 1; k <= 1000; k++) assertThat(map.remove(k)).isEqualTo("x");
        assertThat(map.size()).isZero();
        map.put(7, "y");
        assertThat(map.get(7)).isEqualTo("y");
    }
}
