package io.peerdial.relay.admission;

import io.peerdial.overlay.identity.NodeId;
import java.util.Objects;

/**
 * One requester asking for a relayed session.
 *
 * @param balance    its verifiable balance (bytes, {@code io.peerdial.relay.credit.Balance#value()})
 * @param prefix     its network prefix ("198.51.100.0/24", "2001:db8:1::/48"), see {@link Prefixes}
 * @param puzzlePaid whether its identity carries the configured Sybil puzzle (ignored unless required)
 */
public record AdmissionRequest(NodeId requester, long balance, String prefix, boolean puzzlePaid) {
    public AdmissionRequest {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(prefix, "prefix");
    }

    /** Without positive balance: served out of the newcomer allowance. */
    public boolean unfunded() {
        return balance <= 0;
    }
}
