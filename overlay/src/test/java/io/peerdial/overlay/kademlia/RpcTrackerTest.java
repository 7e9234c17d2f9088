package io.peerdial.overlay.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.kademlia.PendingRpc.Purpose;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RpcTrackerTest {

    private static final InetSocketAddress A = new InetSocketAddress("192.0.2.1", 4000);
    private static final InetSocketAddress B = new InetSocketAddress("192.0.2.2", 4000);

    /**
     * The tracker as it was with a {@code HashMap<Long, PendingRpc>} and a {@code PriorityQueue<long[]>}:
     * the primitive version must expire requests in exactly this order, ties included, or seeded
     * simulations would change.
     */
    private static final class Reference {
        final Map<Long, PendingRpc> pending = new HashMap<>();
        final PriorityQueue<long[]> deadlines = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));

        void add(PendingRpc rpc) {
            pending.put(rpc.transactionId(), rpc);
            deadlines.add(new long[] {rpc.deadline(), rpc.transactionId()});
        }

        PendingRpc match(long id, InetSocketAddress from) {
            PendingRpc rpc = pending.get(id);
            if (rpc == null || !rpc.to().equals(from)) return null;
            pending.remove(id);
            return rpc;
        }

        List<PendingRpc> expire(long now) {
            List<PendingRpc> out = new ArrayList<>();
            while (!deadlines.isEmpty() && deadlines.peek()[0] <= now) {
                long[] d = deadlines.poll();
                PendingRpc rpc = pending.get(d[1]);
                if (rpc == null || rpc.deadline() != d[0]) continue;
                out.add(rpc);
                if (rpc.softExpired()) {
                    pending.remove(d[1]);
                } else {
                    PendingRpc soft = rpc.expiredSoftly();
                    pending.put(d[1], soft);
                    deadlines.add(new long[] {soft.deadline(), d[1]});
                }
            }
            return out;
        }

        long nextDeadline() {
            while (!deadlines.isEmpty()) {
                long[] d = deadlines.peek();
                PendingRpc rpc = pending.get(d[1]);
                if (rpc != null && rpc.deadline() == d[0]) return d[0];
                deadlines.poll();
            }
            return Long.MAX_VALUE;
        }
    }

    private static PendingRpc rpc(long id, long now, long deadline, long hard) {
        return new PendingRpc(id, id % 3 == 0 ? B : A, null, null, Purpose.PING, null, null, now, deadline, hard, false);
    }

    @Test
    void expiresInTheSameOrderAsThePriorityQueueItReplaced() {
        SplittableRandom r = new SplittableRandom(11);
        RpcTracker tracker = new RpcTracker(new SplittableRandom(5));
        Reference ref = new Reference();
        long now = 0;
        for (int step = 0; step < 20_000; step++) {
            switch (r.nextInt(4)) {
                case 0, 1 -> { // deadlines on a coarse grid: many ties
                    long id = tracker.newTransactionId();
                    long deadline = now + 10 * (1 + r.nextInt(5));
                    PendingRpc p = rpc(id, now, deadline, deadline + 10 * r.nextInt(4));
                    tracker.add(p);
                    ref.add(p);
                }
                case 2 -> { // an answer, right or from the wrong address
                    if (ref.pending.isEmpty()) break;
                    long id = new ArrayList<>(ref.pending.keySet()).get(r.nextInt(ref.pending.size()));
                    InetSocketAddress from = r.nextBoolean() ? ref.pending.get(id).to() : A;
                    assertThat(tracker.match(id, from)).isEqualTo(ref.match(id, from));
                }
                default -> {
                    now += r.nextInt(15);
                    assertThat(tracker.expire(now)).isEqualTo(ref.expire(now));
                }
            }
            assertThat(tracker.nextDeadline()).isEqualTo(ref.nextDeadline());
            assertThat(tracker.size()).isEqualTo(ref.pending.size());
        }
    }

    @Test
    void unknownOrZeroTransactionIdsMatchNothing() {
        RpcTracker tracker = new RpcTracker(new SplittableRandom(1));
        long id = tracker.newTransactionId();
        assertThat(id).isNotZero();
        tracker.add(rpc(id, 0, 10, 20));
        assertThat(tracker.match(0, A)).isNull();
        assertThat(tracker.match(id + 1, A)).isNull();
        assertThat(tracker.match(id, id % 3 == 0 ? A : B)).isNull(); // wrong address: an off-path guess
        assertThat(tracker.match(id, id % 3 == 0 ? B : A)).isNotNull();
        assertThat(tracker.size()).isZero();
        assertThat(tracker.nextDeadline()).isEqualTo(Long.MAX_VALUE);
    }
}
