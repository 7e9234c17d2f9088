package io.peerdial.overlay.kademlia;

import io.peerdial.overlay.wire.Contact;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * (NodeId, address) pairs that proved once that they hold the private key behind the NodeId
 * (S/Kademlia §4.1). Bounded LRU: a forgotten pair only has to prove itself again.
 */
final class ProofCache {

    private final Map<Contact, Boolean> proved;

    ProofCache(int capacity) {
        this.proved = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Contact, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    boolean isProved(Contact c) {
        return proved.get(c) != null;
    }

    void add(Contact c) {
        proved.put(c, Boolean.TRUE);
    }
}
