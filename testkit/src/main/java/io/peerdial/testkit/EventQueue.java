package io.peerdial.testkit;

import java.util.Arrays;

/**
 * Binary min-heap of {@link Scheduled} ordered by (time, seq), which records each entry's index so that a
 * node's timer can be moved or removed in O(log n) instead of leaving stale entries behind.
 */
final class EventQueue {

    private Scheduled[] heap = new Scheduled[1024];
    private int size;

    int size() {
        return size;
    }

    Scheduled peek() {
        return size == 0 ? null : heap[0];
    }

    void add(Scheduled s) {
        if (s.isQueued()) {
            throw new IllegalStateException("already queued");
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = s;
        s.heapIndex = size;
        size++;
        siftUp(s.heapIndex);
    }

    Scheduled poll() {
        if (size == 0) {
            return null;
        }
        Scheduled head = heap[0];
        removeAt(0);
        return head;
    }

    void remove(Scheduled s) {
        if (s.isQueued()) {
            removeAt(s.heapIndex);
        }
    }

    /** Restores heap order after {@code s}'s time or seq changed while queued. */
    void reposition(Scheduled s) {
        siftUp(s.heapIndex);
        siftDown(s.heapIndex);
    }

    private void removeAt(int i) {
        Scheduled removed = heap[i];
        size--;
        Scheduled last = heap[size];
        heap[size] = null;
        removed.heapIndex = -1;
        if (i < size) {
            heap[i] = last;
            last.heapIndex = i;
            siftUp(i);
            siftDown(last.heapIndex);
        }
    }

    private void siftUp(int i) {
        Scheduled s = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Scheduled p = heap[parent];
            if (!s.before(p)) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = s;
        s.heapIndex = i;
    }

    private void siftDown(int i) {
        Scheduled s = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            Scheduled c = heap[child];
            int right = child + 1;
            if (right < size && heap[right].before(c)) {
                child = right;
                c = heap[child];
            }
            if (!c.before(s)) {
                break;
            }
            heap[i] = c;
            c.heapIndex = i;
            i = child;
        }
        heap[i] = s;
        s.heapIndex = i;
    }
}
