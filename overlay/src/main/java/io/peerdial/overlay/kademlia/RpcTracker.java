package io.peerdial.overlay.kademlia;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Outstanding requests by transaction id, with their deadlines in a heap (lazily cleaned: an
 * answered request leaves a stale heap entry that is skipped when it surfaces).
 *
 * <p>Both structures are primitive (a {@link LongMap} and a binary min-heap over two parallel
 * {@code long} arrays) because every datagram a node sends or receives passes through here. The
 * heap is the textbook array heap (sift up on add, last element sifted down from the root on
 * removal, ties between children go left): requests with equal deadlines come out in the same
 * order as from the {@code java.util.PriorityQueue} it replaced, so seeded simulations repeat.
 * Like the map, the heap holds no arrays while empty and shrinks as it drains (its capacity never
 * changes the order: entries keep their places when the arrays are copied).
 *
 * <p>The tracker is the map itself (pending requests by transaction id) rather than holding one:
 * every request, answer and timer of a node reads it, and on a cold node a separate map object was
 * one more cache miss before its arrays. Only this class uses the inherited map operations.
 */
final class RpcTracker extends LongMap<PendingRpc> {

    private static final int MIN_CAPACITY = 8;
    private static final long[] EMPTY = {};

    private final RandomGenerator random;
    private long[] heapDeadline = EMPTY;
    private long[] heapId = EMPTY;
    private int heapSize;

    RpcTracker(RandomGenerator random) {
        this.random = random;
    }

    /** A fresh random transaction id, unused by any pending request (and never 0). */
    long newTransactionId() {
        long id;
        do {
            id = random.nextLong();
        } while (id == 0 || containsKey(id));
        return id;
    }

    void add(PendingRpc rpc) {
        put(rpc.transactionId(), rpc);
        push(rpc.deadline(), rpc.transactionId());
    }

    /**
     * Removes and returns the request a response answers, or null if none: unknown id, or a
     * response from another address than we asked (an off-path guess is not accepted).
     */
    PendingRpc match(long transactionId, InetSocketAddress from) {
        PendingRpc rpc = get(transactionId);
        // the address we sent to is often the very instance the answer comes from (the simulator
        // shares one per node): InetSocketAddress.equals would still read both, four objects deep
        if (rpc == null || rpc.to() != from && !rpc.to().equals(from)) return null;
        remove(transactionId);
        return rpc;
    }

    /**
     * Requests whose deadline passed by {@code now}, in the order their stages ended. An entry with
     * {@code softExpired() == false} means "soft deadline passed": it stays pending, in its
     * {@link PendingRpc#expiredSoftly} form, for a late answer. An entry with {@code softExpired() == true}
     * means "hard deadline passed": it is gone.
     */
    List<PendingRpc> expire(long now) {
        if (heapSize == 0 || heapDeadline[0] > now) return List.of(); // most timer wake-ups are maintenance
        List<PendingRpc> out = new ArrayList<>();
        while (heapSize > 0 && heapDeadline[0] <= now) {
            long deadline = heapDeadline[0];
            long id = heapId[0];
            pop();
            PendingRpc rpc = get(id);
            if (rpc == null || rpc.deadline() != deadline) continue; // answered, or moved to its hard deadline
            out.add(rpc);
            if (rpc.softExpired()) {
                remove(id);
            } else {
                PendingRpc soft = rpc.expiredSoftly();
                put(id, soft);
                push(soft.deadline(), id); // may surface in this same loop
            }
        }
        return out;
    }

    /** Earliest deadline of a pending request, or Long.MAX_VALUE. */
    long nextDeadline() {
        while (heapSize > 0) {
            PendingRpc rpc = get(heapId[0]);
            if (rpc != null && rpc.deadline() == heapDeadline[0]) return heapDeadline[0];
            pop();
        }
        return Long.MAX_VALUE;
    }

    // ---------------------------------------------------------------- the deadline heap

    private void push(long deadline, long id) {
        if (heapSize == heapDeadline.length) {
            int capacity = Math.max(MIN_CAPACITY, heapSize * 2);
            heapDeadline = Arrays.copyOf(heapDeadline, capacity);
            heapId = Arrays.copyOf(heapId, capacity);
        }
        int k = heapSize++;
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (deadline >= heapDeadline[parent]) break;
            heapDeadline[k] = heapDeadline[parent];
            heapId[k] = heapId[parent];
            k = parent;
        }
        heapDeadline[k] = deadline;
        heapId[k] = id;
    }

    private void pop() {
        int n = --heapSize;
        long deadline = heapDeadline[n];
        long id = heapId[n];
        if (n == 0) { // idle: give the memory back
            heapDeadline = EMPTY;
            heapId = EMPTY;
            return;
        }
        int k = 0;
        int half = n >>> 1;
        while (k < half) {
            int child = 2 * k + 1;
            int right = child + 1;
            if (right < n && heapDeadline[child] > heapDeadline[right]) child = right;
            if (deadline <= heapDeadline[child]) break;
            heapDeadline[k] = heapDeadline[child];
            heapId[k] = heapId[child];
            k = child;
        }
        heapDeadline[k] = deadline;
        heapId[k] = id;
        if (heapDeadline.length > MIN_CAPACITY && heapSize * 4 < heapDeadline.length) { // a burst is draining: shrink
            heapDeadline = Arrays.copyOf(heapDeadline, heapDeadline.length / 2);
            heapId = Arrays.copyOf(heapId, heapId.length / 2);
        }
    }
}
