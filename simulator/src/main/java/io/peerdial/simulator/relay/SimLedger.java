package io.peerdial.simulator.relay;

import io.peerdial.relay.credit.CreditPolicy;
import java.util.HashMap;
import java.util.Map;

/**
 * The in-simulation stand-in for {@code CreditLedger}: the same credit rules without signed
 * receipts. {@code CreditLedger.balance} verifies every receipt's signature again and walks all of
 * a node's receipts for each query; asking it once per admission would dominate a run, so the
 * simulator keeps its result incrementally (docs/SIMULATOR.md, "relay-load"):
 * <ul>
 *   <li>debit: bytes others relayed for the node, in full;</li>
 *   <li>credit: bytes it relayed, summed per client and weighed by {@link CreditPolicy#weigh}
 *       (in full up to 100 MB, a quarter above, nothing above 500 MB per counterpart);</li>
 *   <li>self-dealing counts for nothing. The 7-day window is ignored: runs are shorter.</li>
 * </ul>
 * A session is settled once, when it ends (one cumulative receipt per session).
 */
final class SimLedger {

    private final CreditPolicy policy;
    private final long[] credit;
    private final long[] debit;
    /** (relay, client) → bytes relayed, the per-counterpart sum the weighing applies to. */
    private final Map<Long, Long> perPair = new HashMap<>();

    SimLedger(int nodes, CreditPolicy policy) {
        this.policy = policy;
        this.credit = new long[nodes];
        this.debit = new long[nodes];
    }

    /** {@code relay} relayed {@code bytes} for {@code client} in one finished session. */
    void settle(int relay, int client, long bytes) {
        if (relay == client || bytes <= 0) return; // a receipt where relay and client are one node counts for nothing
        long key = ((long) relay << 32) | (client & 0xFFFFFFFFL);
        long before = perPair.getOrDefault(key, 0L);
        long after = before + bytes;
        perPair.put(key, after);
        credit[relay] += policy.weigh(after) - policy.weigh(before);
        debit[client] += bytes;
    }

    long balance(int node) {
        return credit[node] - debit[node];
    }

    long credit(int node) {
        return credit[node];
    }

    long debit(int node) {
        return debit[node];
    }
}
