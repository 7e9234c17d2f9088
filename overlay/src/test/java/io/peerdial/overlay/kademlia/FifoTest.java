package io.peerdial.overlay.kademlia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FifoTest {

    @Test
    void agreesWithArrayDequeUnderRandomOperations() {
        SplittableRandom r = new SplittableRandom(11);
        for (int idle : new int[] {0, 1, 4}) {
            Fifo<Integer> fifo = new Fifo<>(idle);
            ArrayDeque<Integer> model = new ArrayDeque<>();
            for (int op = 0; op < 20_000; op++) {
                // bursts of adds, then drains: wrap-around, growth and the reset when empty
                if (r.nextInt(op % 500 < 250 ? 3 : 5) == 0) {
                    assertThat(fifo.poll()).isEqualTo(model.poll());
                } else if (op % 500 < 250) {
                    fifo.add(op);
                    model.add(op);
                } else {
                    assertThat(fifo.poll()).isEqualTo(model.poll());
                }
                assertThat(fifo.isEmpty()).isEqualTo(model.isEmpty());
            }
        }
    }

    @Test
    void emptyPollsNullAndRefusesNull() {
        Fifo<String> fifo = new Fifo<>(4);
        assertThat(fifo.poll()).isNull();
        assertThatThrownBy(() -> fifo.add(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fifo<String>(3)).isInstanceOf(IllegalArgumentException.class);
    }
}
