/**
 * peerdial's socket-like P2P API (issue #8): connections between identities of the overlay, set up with ICE.
 *
 * <ul>
 *   <li>{@link io.peerdial.p2p.P2PServerSocket#bind} starts an embedded peerdial node with the identity kept in a
 *       data directory, joins the overlay and publishes a signed binding for the endpoint's address, a
 *       self-certifying AOR ({@code sip:NAME@FINGERPRINT.peerdial}, {@link io.peerdial.p2p.P2PAddress});</li>
 *   <li>{@link io.peerdial.p2p.P2PServerSocket#connect} looks the remote address up, sends it a signed offer
 *       through the nodes' SIP signalling (directly or through its rendezvous super-node), runs ICE
 *       (RFC 8445) and returns a {@link io.peerdial.p2p.P2PSocket} whose {@link io.peerdial.p2p.P2PPath} says
 *       whether the path is direct or relayed;</li>
 *   <li>{@link io.peerdial.p2p.P2PServerSocket#accept} returns incoming sockets once ICE completed, the remote
 *       identity verified (an Ed25519 proof by its user key, bound to the ICE credentials);</li>
 *   <li>a {@link io.peerdial.p2p.P2PSocket} carries datagrams (unreliable, at most
 *       {@link io.peerdial.p2p.P2PSocket#MAX_DATAGRAM} bytes) and one reliable, ordered, flow-controlled byte
 *       stream (NewReno + SACK) through {@link io.peerdial.p2p.P2PSocket#getInputStream} /
 *       {@link io.peerdial.p2p.P2PSocket#getOutputStream}.</li>
 * </ul>
 *
 * <p>Every blocking method has a timeout variant throwing {@link java.util.concurrent.TimeoutException} and a
 * {@link java.util.concurrent.CompletableFuture} variant. Errors: {@link io.peerdial.p2p.PeerNotFoundException}
 * (no binding, or no endpoint of that address reachable), {@link io.peerdial.p2p.ConnectivityException} (the
 * signalling or ICE failed; it carries the outcome), both {@link io.peerdial.p2p.P2PException}s, which are
 * {@link java.io.IOException}s. Protocol details: docs/P2P.md.
 */
package io.peerdial.p2p;
