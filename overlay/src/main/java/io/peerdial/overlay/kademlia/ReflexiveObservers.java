package io.peerdial.overlay.kademlia;

import io.peerdial.overlay.identity.NodeId;
import java.net.InetSocketAddress;

/**
 * Which peers told this node which reflexive address: the first two distinct observers of each
 * address are reported to the driver (one peer's word is not enough to advertise an address, two
 * are). At most {@value #MAX_ADDRESSES} addresses are remembered; past that, all but the one just
 * observed are forgotten (a node that keeps seeing new addresses is behind a symmetric NAT, and
 * there its reports say little).
 *
 * <p>A node nearly always sees one address, so the entries are one flat array of (address, first
 * observer, second observer) triples searched linearly: 56 bytes for a node with one address,
 * where a map of sets cost ~430. Not thread-safe.
 */
final class ReflexiveObservers {

    static final int MAX_ADDRESSES = 64;
    private static final Object[] NONE = {};

    private Object[] entries = NONE; // address, first observer, second observer; per address
    private int count;

    /**
     * {@code observer} reported {@code observed}; true if it is the first or second distinct
     * observer of that address (the caller then reports it).
     */
    boolean note(InetSocketAddress observed, NodeId observer) {
        int at = find(observed);
        if (at < 0) {
            if (3 * count == entries.length) entries = java.util.Arrays.copyOf(entries, Math.max(3, 6 * count));
            at = 3 * count++;
            entries[at] = observed;
        }
        boolean reported = false;
        if (entries[at + 1] == null) {
            entries[at + 1] = observer;
            reported = true;
        } else if (entries[at + 2] == null && !entries[at + 1].equals(observer)) {
            entries[at + 2] = observer;
            reported = true;
        }
        if (count > MAX_ADDRESSES) keepOnly(at);
        return reported;
    }

    int addresses() {
        return count;
    }

    private int find(InetSocketAddress observed) {
        for (int i = 0; i < 3 * count; i += 3) {
            if (entries[i] == observed || entries[i].equals(observed)) return i;
        }
        return -1;
    }

    private void keepOnly(int at) {
        entries = new Object[] {entries[at], entries[at + 1], entries[at + 2]};
        count = 1;
    }
}
