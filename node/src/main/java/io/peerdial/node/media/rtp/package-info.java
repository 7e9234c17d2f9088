/**
 * RTP and RTCP, sans-IO: RFC 3550 (RTP: A Transport Protocol for Real-Time Applications), with the
 * RFC 3551 audio/video profile (RTP/AVP) defaults and RFC 5761 demultiplexing of RTP and RTCP on one port.
 *
 * <ul>
 *   <li>Wire: {@link io.peerdial.node.media.rtp.RtpPacket} / {@link io.peerdial.node.media.rtp.RtpCodec}
 *       (RFC 3550 §5.1), the allocation-free {@link io.peerdial.node.media.rtp.RtpHeaderView} for forwarding,
 *       and the RTCP packets {@link io.peerdial.node.media.rtp.RtcpPacket} /
 *       {@link io.peerdial.node.media.rtp.RtcpCodec} (§6.4-§6.6, compound validity A.2). Peer input is
 *       rejected only with {@link io.peerdial.node.media.rtp.RtpFormatException} or
 *       {@link io.peerdial.node.media.rtp.RtcpFormatException}.</li>
 *   <li>Algorithms: {@link io.peerdial.node.media.rtp.RtpSourceState} (A.1 sequence validation, A.3 loss,
 *       A.8 jitter), {@link io.peerdial.node.media.rtp.NtpTime} (§4, §6.4.1 LSR/DLSR),
 *       {@link io.peerdial.node.media.rtp.RtcpInterval} (§6.3, A.7).</li>
 *   <li>State machine: {@link io.peerdial.node.media.rtp.RtcpSession}, one local SSRC, driven with
 *       {@code long now} in milliseconds.</li>
 * </ul>
 */
package io.peerdial.node.media.rtp;
