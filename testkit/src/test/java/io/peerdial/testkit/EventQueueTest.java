package io.peerdial.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class EventQueueTest {

    private static final Comparator<Scheduled> ORDER =
            Comparator.<Scheduled>comparingLong(s -> s.time).thenComparingLong(s -> s.seq);

    @Test
    void agreesWithASortedSetUnderRandomAddsPollsMovesAndRemovals() {
        SplittableRandom random = new SplittableRandom(3);
        EventQueue queue = new EventQueue();
        TreeSet<Scheduled> reference = new TreeSet<>(ORDER);
        List<Scheduled> queued = new ArrayList<>();
        long seq = 0;
        for (int op = 0; op < 50_000; op++) {
            int kind = random.nextInt(4);
            if (kind == 0 || queued.isEmpty()) {
                Scheduled s = Scheduled.action(() -> { });
                s.time = random.nextLong(1_000);
                s.seq = seq++;
                queue.add(s);
                reference.add(s);
                queued.add(s);
            } else if (kind == 1) {
                Scheduled polled = queue.poll();
                assertThat(polled).isSameAs(reference.pollFirst());
                assertThat(polled.isQueued()).isFalse();
                queued.remove(polled);
            } else if (kind == 2) {
                Scheduled s = queued.get(random.nextInt(queued.size()));
                reference.remove(s);
                s.time = random.nextLong(1_000);
                s.seq = seq++;
                queue.reposition(s);
                reference.add(s);
            } else {
                Scheduled s = queued.remove(random.nextInt(queued.size()));
                queue.remove(s);
                reference.remove(s);
            }
            assertThat(queue.size()).isEqualTo(reference.size());
            assertThat(queue.peek()).isSameAs(reference.isEmpty() ? null : reference.first());
        }
    }
}
