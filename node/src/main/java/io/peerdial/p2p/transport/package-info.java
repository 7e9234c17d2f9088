/**
 * The IO side of the P2P sockets (internal, not API): {@link io.peerdial.p2p.transport.Endpoint} runs the
 * embedded node and the {@link io.peerdial.p2p.transport.SignalingUa} (a JAIN-SIP UA at the node's phone face)
 * and sets connections up: signed offer/answer over the nodes' SIP (RFC 3261, RFC 3264), ICE (RFC 8445) with
 * ice4j, then {@link io.peerdial.p2p.transport.Connection}: datagrams and a stream on the selected pair.
 */
package io.peerdial.p2p.transport;
