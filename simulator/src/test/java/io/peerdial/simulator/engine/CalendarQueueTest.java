package io.peerdial.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CalendarQueueTest {

    /**
     * The calendar queue pops in the same (time, key) order as the binary heap it replaces, through
     * the cases its structure makes special: ties at one instant, adds at or before the loaded
     * instant (deliveries posted between windows), times beyond the ring (overflow), long gaps with
     * empty slots, and a ring that wraps many times.
     */
    @Test
    void popsInTheSameOrderAsTheKeyedBinaryHeap() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            CalendarQueue q = new CalendarQueue(16);
            EventHeap model = new EventHeap(16);
            long now = 0, key = 0;
            for (int step = 0; step < 20_000; step++) {
                if (model.isEmpty() || r.nextInt(100) < 55) {
                    long t = now + switch (r.nextInt(10)) {
                        case 0 -> 0; // a timer armed at the current instant
                        case 1 -> r.nextLong(3 * CalendarQueue.SLOTS); // past the ring: overflow
                        case 2 -> CalendarQueue.SLOTS + r.nextInt(2) - 1; // the ring's last slot and the first beyond
                        default -> 1 + r.nextInt(300); // a datagram's flight
                    };
                    // keys need not grow with the scheduling order, but are unique (the step in the low digits)
                    long k = (r.nextInt(4) == 0 ? key + 1000 - r.nextInt(2000) : key) * 100_000 + step;
                    key++;
                    q.add(t, k, step, "p" + step);
                    model.add(t, k, step, "p" + step);
                } else {
                    assertThat(q.peekTime()).isEqualTo(model.peekTime());
                    assertThat(q.peekTag()).isEqualTo(model.peekTag());
                    assertThat(q.peekPayload()).isEqualTo(model.peekPayload());
                    now = q.peekTime();
                    q.removeFirst();
                    model.removeFirst();
                }
                assertThat(q.size()).isEqualTo(model.size());
            }
            while (!model.isEmpty()) {
                assertThat(q.peekTag()).isEqualTo(model.peekTag());
                q.removeFirst();
                model.removeFirst();
            }
            assertThat(q.isEmpty()).isTrue();
        }
    }

    @Test
    void anAddBeforeTheLoadedInstantComesFirst() {
        CalendarQueue q = new CalendarQueue(16);
        q.add(50, 7, 1, null);
        assertThat(q.peekTime()).isEqualTo(50); // loads instant 50
        q.add(45, 9, 2, null); // posted between windows for an earlier instant
        q.add(50, 3, 3, null); // same instant, smaller key
        q.add(51, 1, 4, null);
        long[] tags = new long[4];
        for (int i = 0; i < 4; i++) {
            tags[i] = q.peekTag();
            q.removeFirst();
        }
        assertThat(tags).containsExactly(2, 3, 1, 4);
    }

    @Test
    void negativeTimesAreRefused() {
        assertThatThrownBy(() -> new CalendarQueue(16).add(-1, 0, 0, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
