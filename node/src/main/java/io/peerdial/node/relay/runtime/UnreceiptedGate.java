package io.peerdial.node.relay.runtime;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.relay.admission.RelayAdmission;
import io.peerdial.relay.server.AllocationGate;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * An admission gate preceded by the refusal of clients that did not sign for what this relay carried
 * for them (docs/INCENTIVES.md, "Enforcement"): 486 with a reason phrase, before any other rule. Runs on
 * the relay thread: {@code refused} must not block.
 */
final class UnreceiptedGate implements AllocationGate {

    /** Whether a client is refused at a time. */
    @FunctionalInterface
    interface Refused {
        boolean test(long now, NodeId client);
    }

    static final String REASON = "Allocation Quota Reached: receipts missing for bytes relayed earlier";

    private final Refused refused;
    private final AllocationGate next;

    UnreceiptedGate(Refused refused, AllocationGate next) {
        this.refused = Objects.requireNonNull(refused, "refused");
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public Refusal check(long now, String username, InetSocketAddress client, int allocations) {
        if (refused.test(now, RelayAdmission.requesterOf(username))) return new Refusal(486, REASON);
        return next.check(now, username, client, allocations);
    }

    @Override
    public void opened(long now, String username, InetSocketAddress client, InetSocketAddress relayed) {
        next.opened(now, username, client, relayed);
    }

    @Override
    public void closed(long now, String username, InetSocketAddress client, InetSocketAddress relayed) {
        next.closed(now, username, client, relayed);
    }
}
