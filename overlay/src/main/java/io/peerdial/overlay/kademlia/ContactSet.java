package io.peerdial.overlay.kademlia;

import io.peerdial.overlay.wire.Contact;

/**
 * A set of contacts with a request in flight (challenges, eviction PINGs): open addressing with
 * linear probing and backward-shift deletion, as {@link LongMap}. Such a set is empty most of the
 * time, so an empty one holds no array and a draining one shrinks; a {@code HashSet} costs a node
 * ~140 bytes empty and keeps the table of its largest burst. No iteration: only membership
 * matters, so no order can leak into a node's behaviour. Not thread-safe.
 */
final class ContactSet {

    private static final int MIN_CAPACITY = 8;
    private static final Contact[] NONE = {};

    private Contact[] slots = NONE;
    private int size;

    int size() {
        return size;
    }

    boolean contains(Contact c) {
        if (size == 0) return false;
        int mask = slots.length - 1;
        for (int i = slot(c, mask); slots[i] != null; i = (i + 1) & mask) {
            if (slots[i].equals(c)) return true;
        }
        return false;
    }

    /** Adds {@code c} (not null); false if it was there already. */
    boolean add(Contact c) {
        if (contains(c)) return false;
        if ((size + 1) * 4 > slots.length * 3) rehash(Math.max(MIN_CAPACITY, slots.length * 2)); // load factor 3/4
        int mask = slots.length - 1;
        int i = slot(c, mask);
        while (slots[i] != null) i = (i + 1) & mask;
        slots[i] = c;
        size++;
        return true;
    }

    /** Removes {@code c}; false if it was not there. */
    boolean remove(Contact c) {
        if (size == 0) return false;
        int mask = slots.length - 1;
        int i = slot(c, mask);
        while (!c.equals(slots[i])) {
            if (slots[i] == null) return false;
            i = (i + 1) & mask;
        }
        size--;
        int hole = i;
        for (int j = (hole + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            int home = slot(slots[j], mask);
            boolean between = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!between) { // the entry at j may move back into the hole without leaving its probe run
                slots[hole] = slots[j];
                hole = j;
            }
        }
        slots[hole] = null;
        if (size == 0) {
            slots = NONE;
        } else if (slots.length > MIN_CAPACITY && size * 8 < slots.length) {
            rehash(slots.length / 2);
        }
        return true;
    }

    private void rehash(int n) {
        Contact[] old = slots;
        slots = new Contact[n];
        int mask = n - 1;
        for (Contact c : old) {
            if (c == null) continue;
            int j = slot(c, mask);
            while (slots[j] != null) j = (j + 1) & mask;
            slots[j] = c;
        }
    }

    private static int slot(Contact c, int mask) {
        long h = c.hashCode() * 0x9E3779B97F4A7C15L; // Fibonacci hashing over the record's hash
        return (int) (h >>> 32) & mask;
    }
}
