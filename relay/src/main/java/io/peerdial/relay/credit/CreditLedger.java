package io.peerdial.relay.credit;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.relay.receipt.Receipt;
import io.peerdial.relay.receipt.ReceiptCodec;
import io.peerdial.relay.receipt.SessionId;
import io.peerdial.relay.receipt.SignedReceipt;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Balance arithmetic from receipts, a pure function (the simulator runs the same code):
 * <ol>
 *   <li>every receipt's signature is checked again (the evidence came from other nodes);</li>
 *   <li>only receipts inside the window count, and only the newest per (relay, session): receipts are
 *       cumulative, so summing two of one session would count its bytes twice;</li>
 *   <li>credit: receipts naming {@code node} as relay, summed per client, each client's sum
 *       weighed by {@link CreditPolicy#weigh} (bounded per counterpart);</li>
 *   <li>debit: receipts signed by {@code node} as client, summed in full;</li>
 *   <li>a receipt where relay and client are the same node counts for nothing.</li>
 * </ol>
 */
public final class CreditLedger {
    private final CreditPolicy policy;

    public CreditLedger(CreditPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public CreditPolicy policy() {
        return policy;
    }

    /** The balance of {@code node} from any mix of receipts (others' receipts are ignored). */
    public Balance balance(long now, NodeId node, Collection<SignedReceipt> receipts) {
        Map<Key, Receipt> newest = new HashMap<>();
        int ignored = 0;
        for (SignedReceipt s : receipts) {
            Receipt r = s.receipt();
            boolean mine = r.relay().equals(node) != r.clientId().equals(node); // exactly one side
            boolean inWindow = r.issuedAt() <= now + policy.maxClockSkewMs() && now - r.issuedAt() <= policy.windowMs();
            if (!mine || !inWindow || !ReceiptCodec.verify(s)) {
                ignored++;
                continue;
            }
            newest.merge(new Key(r.relay(), r.session()), r, (a, b) -> a.issuedAt() >= b.issuedAt() ? a : b);
        }
        Map<NodeId, Long> perClient = new HashMap<>();
        long debit = 0;
        for (Receipt r : newest.values()) {
            if (r.relay().equals(node)) {
                perClient.merge(r.clientId(), r.totalBytes(), CreditLedger::add);
            } else {
                debit = add(debit, r.totalBytes());
            }
        }
        long credit = 0, raw = 0;
        for (long bytes : perClient.values()) {
            credit = add(credit, policy.weigh(bytes));
            raw = add(raw, bytes);
        }
        return new Balance(node, credit, debit, raw, perClient.size(), ignored);
    }

    private record Key(NodeId relay, SessionId session) {}

    static long add(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }
}
