/**
 * The relay-load experiment: which public node relays each relayed call, naive nearest-relay
 * selection vs the relay module's admission policy (docs/INCENTIVES.md), and an in-simulation
 * credit ledger with the same weighing as {@code io.peerdial.relay.credit.CreditLedger}. TURN
 * allocation (RFC 8656) is not re-run here; the nat-mix ICE model decides that a call needs one.
 */
package io.peerdial.simulator.relay;
