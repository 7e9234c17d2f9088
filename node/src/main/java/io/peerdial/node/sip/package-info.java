/**
 * The node as a SIP endpoint, sans-IO parts: the inter-node request signature
 * ({@link io.peerdial.node.sip.NodeSignature}, {@link io.peerdial.node.sip.ReplayGuard}) and the
 * local registrar of phones ({@link io.peerdial.node.sip.LocalRegistrar}, RFC 3261 §10.3).
 * The JAIN-SIP proxy that drives them lives in {@code io.peerdial.node.sip.transport}.
 * Design and error mapping: docs/SIP.md.
 */
package io.peerdial.node.sip;
