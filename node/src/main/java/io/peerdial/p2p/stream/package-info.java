/**
 * A reliable, ordered, flow-controlled byte stream over a datagram path (an ICE-selected UDP pair,
 * direct or through a TURN relay), as a sans-IO core: {@link io.peerdial.p2p.stream.StreamConnection}
 * takes datagrams and the time in, and gives datagrams, a wake-up time and events out.
 *
 * <p>What it follows (it is not wire-compatible with any of them):
 * <ul>
 *   <li>RFC 9293 (TCP): a byte-offset space per direction, cumulative acknowledgement, a receive window
 *       advertised as an absolute limit that never shrinks (§3.8.6), FIN occupying one offset (§3.5),
 *       RST to abort.</li>
 *   <li>RFC 2018 (SACK): up to four selective-acknowledgement ranges above the cumulative point.</li>
 *   <li>RFC 6298: SRTT/RTTVAR/RTO, Karn's rule (no samples from retransmitted segments), exponential
 *       back-off; the minimum RTO is configurable (200 ms by default, as RFC 8961 and Linux allow,
 *       instead of §2.4's 1 s).</li>
 *   <li>RFC 9002 §6.1.1 packet-threshold loss detection: every transmission gets a number; a segment is
 *       lost when one sent three transmissions later has been acknowledged.</li>
 *   <li>RFC 5681 / RFC 6582 NewReno congestion control with RFC 3465 byte counting (L = 2) and an
 *       RFC 6928 initial window of ten segments; one reduction per recovery period (RFC 9002 §7.3.2).</li>
 *   <li>RFC 1122 §4.2.3.2 delayed acknowledgements (every second segment or after a short delay).</li>
 * </ul>
 *
 * <p>Datagrams are at most {@link io.peerdial.p2p.stream.SegmentCodec#MAX_DATAGRAM} (1200) bytes so that
 * they fit a TURN ChannelData message on any path; each ends with a CRC32C so that a damaged or stray
 * datagram is dropped, not delivered. Wire format: docs/P2P.md, section "Stream protocol".
 */
package io.peerdial.p2p.stream;
