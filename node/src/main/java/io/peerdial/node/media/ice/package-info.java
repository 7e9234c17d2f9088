/**
 * ICE for calls (RFC 8445, Interactive Connectivity Establishment) and its SDP attributes
 * (RFC 8839: {@code a=ice-ufrag}, {@code a=ice-pwd}, {@code a=ice-options}, {@code a=candidate},
 * {@code a=end-of-candidates}).
 *
 * <p>{@link io.peerdial.node.media.ice.IceSdpAttributes} is a sans-IO codec between
 * {@link io.peerdial.node.media.ice.IceDescription} and plain SDP (name, value) attribute pairs.
 * {@link io.peerdial.node.media.ice.IceSession} does IO: it drives ice4j (one media stream, one
 * component: RTP and RTCP multiplexed, RFC 5761), gathers host, server-reflexive (STUN against
 * peerdial nodes) and relay (TURN) candidates, runs the checks and carries datagrams over the
 * selected pair. ice4j never offers loopback host candidates, so
 * {@link io.peerdial.node.media.ice.LoopbackHostHarvester} does when
 * {@link io.peerdial.node.media.ice.IceConfig#loopback()} says so (tests and the loopback demo).
 * ice4j reaches TURN servers (RFC 8656) only through the run's TURN tap
 * ({@code io.peerdial.node.media.turn}): UDP or TCP to the server, byte counts per allocation
 * ({@link io.peerdial.node.media.ice.IceSession#relayUsage()}).
 */
package io.peerdial.node.media.ice;
