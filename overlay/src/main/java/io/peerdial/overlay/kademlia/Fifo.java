package io.peerdial.overlay.kademlia;

/**
 * The node's outbound queues (datagrams to send, events for the driver): a ring buffer that a
 * driver empties after every call into the node, so it is nearly always empty. Unlike
 * {@code ArrayDeque} (17 slots from the start, and it never shrinks) it holds no array until the
 * first element, and goes back to {@code idleCapacity} slots (0: none) each time it is emptied, so
 * a burst (a join, a flood of requests) leaves nothing behind. Not thread-safe.
 */
final class Fifo<T> {

    private static final Object[] NONE = {};

    private final int idleCapacity;
    private Object[] items = NONE;
    private int head;
    private int size;

    /** @param idleCapacity slots kept while empty: a power of two, or 0 */
    Fifo(int idleCapacity) {
        if (idleCapacity < 0 || Integer.bitCount(idleCapacity) > 1) {
            throw new IllegalArgumentException("idle capacity must be 0 or a power of two, got " + idleCapacity);
        }
        this.idleCapacity = idleCapacity;
    }

    void add(T item) {
        if (item == null) throw new IllegalArgumentException("null element");
        if (size == items.length) grow();
        items[(head + size++) & (items.length - 1)] = item;
    }

    /** The oldest element, removed; null if empty. */
    @SuppressWarnings("unchecked")
    T poll() {
        if (size == 0) return null;
        T item = (T) items[head];
        items[head] = null;
        head = (head + 1) & (items.length - 1);
        if (--size == 0) {
            head = 0;
            if (items.length != idleCapacity) items = idleCapacity == 0 ? NONE : new Object[idleCapacity];
        }
        return item;
    }

    boolean isEmpty() {
        return size == 0;
    }

    private void grow() {
        Object[] bigger = new Object[Math.max(4, items.length * 2)];
        for (int i = 0; i < size; i++) bigger[i] = items[(head + i) & (items.length - 1)];
        items = bigger;
        head = 0;
    }
}
