/**
 * The JAIN-SIP side of the node (IO): a stateful proxy (RFC 3261 §16) with two faces, one for
 * local phones (the {@code --sip} address) and one for other nodes (the address published in
 * bindings), the registrar front end, and the inter-node signature on every request that leaves
 * through the node face. See docs/SIP.md.
 */
package io.peerdial.node.sip.transport;
