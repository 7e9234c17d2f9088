package io.peerdial.node.relay;

import java.util.Objects;

/**
 * The relay part of {@code peerdial status}.
 *
 * @param role         {@code relay} while serving, else {@code none}
 * @param reason       why (the election's reason)
 * @param allocations  live TURN allocations
 * @param bytesRelayed application bytes relayed, both directions, since the TURN server started
 * @param sessions     open relayed sessions with a known client key (receipts expected)
 * @param receipts     receipts kept as proof
 * @param balance      this node's balance (bytes; docs/INCENTIVES.md), last computed
 */
public record RelayStatus(String role, String reason, int allocations, long bytesRelayed, int sessions, int receipts,
                          long balance) {
    public static final RelayStatus NONE = new RelayStatus("none", "relay service not started", 0, 0, 0, 0, 0);

    public RelayStatus {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(reason, "reason");
    }

    public boolean serving() {
        return role.equals("relay");
    }
}
