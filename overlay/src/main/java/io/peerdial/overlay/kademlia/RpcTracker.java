package io.peerdial.overlay.kademlia;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.random.RandomGenerator;

/**
 * Outstanding requests by transaction id, with their deadlines in a heap (lazily cleaned: an
 * answered request leaves a stale heap entry that is skipped when it surfaces).
 */
final class RpcTracker {

    private final RandomGenerator random;
    private final Map<Long, PendingRpc> pending = new HashMap<>();
    private final PriorityQueue<long[]> deadlines = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));

    RpcTracker(RandomGenerator random) {
        this.random = random;
    }

    /** A fresh random transaction id, unused by any pending request (and never 0). */
    long newTransactionId() {
        long id;
        do {
            id = random.nextLong();
        } while (id == 0 || pending.containsKey(id));
        return id;
    }

    void add(PendingRpc rpc) {
        pending.put(rpc.transactionId(), rpc);
        deadlines.add(new long[] {rpc.deadline(), rpc.transactionId()});
    }

    /**
     * Removes and returns the request a response answers, or null if none: unknown id, or a
     * response from another address than we asked (an off-path guess is not accepted).
     */
    PendingRpc match(long transactionId, InetSocketAddress from) {
        PendingRpc rpc = pending.get(transactionId);
        if (rpc == null || !rpc.to().equals(from)) return null;
        pending.remove(transactionId);
        return rpc;
    }

    /**
     * Requests whose deadline passed by {@code now}, in the order their stages ended. An entry with
     * {@code softExpired() == false} means "soft deadline passed": it stays pending, in its
     * {@link PendingRpc#expiredSoftly} form, for a late answer. An entry with {@code softExpired() == true}
     * means "hard deadline passed": it is gone.
     */
    List<PendingRpc> expire(long now) {
        List<PendingRpc> out = new ArrayList<>();
        while (!deadlines.isEmpty() && deadlines.peek()[0] <= now) {
            long[] d = deadlines.poll();
            PendingRpc rpc = pending.get(d[1]);
            if (rpc == null || rpc.deadline() != d[0]) continue; // answered, or moved to its hard deadline
            out.add(rpc);
            if (rpc.softExpired()) {
                pending.remove(d[1]);
            } else {
                PendingRpc soft = rpc.expiredSoftly();
                pending.put(d[1], soft);
                deadlines.add(new long[] {soft.deadline(), d[1]}); // may surface in this same loop
            }
        }
        return out;
    }

    /** Earliest deadline of a pending request, or Long.MAX_VALUE. */
    long nextDeadline() {
        while (!deadlines.isEmpty()) {
            long[] d = deadlines.peek();
            PendingRpc rpc = pending.get(d[1]);
            if (rpc != null && rpc.deadline() == d[0]) return d[0];
            deadlines.poll();
        }
        return Long.MAX_VALUE;
    }

    int size() {
        return pending.size();
    }
}
