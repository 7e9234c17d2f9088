/**
 * Connectivity establishment modelled per packet (issue #7, docs/SIMULATOR.md "nat-mix"): an
 * ICE-like agent per call side (RFC 8445, simplified: one component, no foundations/freezing,
 * regular nomination decided by the controlling agent), a STUN server (RFC 8489 Binding) and a
 * TURN-like relay (RFC 8656: allocations over UDP or TCP, IP-only permissions, Send/Data
 * indications) on public nodes. Packets are immutable records, never encoded to bytes: the model
 * has no parser. Every class here is sans-IO: time comes in as {@code now}, output is polled.
 */
package io.peerdial.simulator.ice;
