package io.peerdial.relay.credit;

import io.peerdial.overlay.identity.NodeId;

/**
 * A node's verifiable balance: {@code credit} (weighed bytes it relayed for others) minus
 * {@code debit} (bytes others relayed for it, in full).
 *
 * @param relayedForOthers raw bytes before weighing (for status and the simulator)
 * @param counterparts     distinct clients whose receipts gave credit
 * @param ignored          receipts dropped: bad signature, out of the window, self-dealing, not this node's
 */
public record Balance(NodeId node, long credit, long debit, long relayedForOthers, int counterparts, int ignored) {

    public static Balance none(NodeId node) {
        return new Balance(node, 0, 0, 0, 0, 0);
    }

    public long value() {
        return credit - debit; // both >= 0: the difference cannot overflow
    }
}
