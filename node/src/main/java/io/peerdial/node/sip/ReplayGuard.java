package io.peerdial.node.sip;

import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the signatures of recently accepted inter-node requests so an exact copy is refused
 * (a retransmission absorbed by the SIP stack never reaches it). An entry lives as long as its
 * timestamp is inside the ±{@link NodeSignature#WINDOW_MS} window: after that the timestamp check
 * refuses the copy anyway. Bounded: when full, the oldest entries go first. Sans-IO, not thread-safe.
 */
public final class ReplayGuard {

    private final int capacity;
    /** signature (base64) → time until which it must be remembered, in insertion order. */
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

    public ReplayGuard(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be positive");
        this.capacity = capacity;
    }

    /** Records the claim's signature; throws REPLAY if it was seen before. */
    public void check(NodeSignature.Claim claim, long now) throws SignatureException {
        purge(now);
        String key = Base64.getEncoder().encodeToString(claim.signature());
        if (seen.containsKey(key)) {
            throw new SignatureException(SignatureException.Reason.REPLAY, "signature of " + claim.nodeId().shortHex() + " seen before");
        }
        seen.put(key, Math.max(now, claim.timestamp()) + NodeSignature.WINDOW_MS);
        while (seen.size() > capacity) {
            seen.remove(seen.keySet().iterator().next());
        }
    }

    public int size() {
        return seen.size();
    }

    private void purge(long now) {
        // Insertion order is nearly expiry order; stop at the first live entry (a few stale ones may stay a bit longer).
        for (Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue() >= now) break;
            it.remove();
        }
    }

}
