/**
 * Relay admission (docs/INCENTIVES.md): operator caps, balance-ordered admission with a newcomer
 * allowance, refusals as TURN 486/508 (RFC 8656 §7.2). {@link io.peerdial.relay.admission.AdmissionPolicy}
 * is a pure function the simulator runs; {@link io.peerdial.relay.admission.RelayAdmission} plugs it
 * into the TURN core as its {@link io.peerdial.relay.server.AllocationGate}. Sans-IO.
 */
package io.peerdial.relay.admission;
