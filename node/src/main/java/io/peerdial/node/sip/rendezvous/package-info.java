/**
 * Rendezvous through super-nodes for nodes behind NAT, sans-IO (RFC 5626 "SIP Outbound" style
 * flows): {@link io.peerdial.node.sip.rendezvous.FlowClient} is the client node's side (which
 * super-nodes it keeps a flow to, when it refreshes, when it gives one up and fails over),
 * {@link io.peerdial.node.sip.rendezvous.FlowTable} the super-node's side (which client is
 * reachable over which flow), {@link io.peerdial.node.sip.rendezvous.FlowToken} the name of a flow
 * in Route / Record-Route entries (RFC 5626 §5.3). The JAIN-SIP side is in
 * {@code io.peerdial.node.sip.transport}. Design and timings: docs/SIP.md "Rendezvous".
 */
package io.peerdial.node.sip.rendezvous;
