package io.peerdial.node.media.rtp;

/**
 * The RTCP packets peerdial reads and writes (RFC 3550 §6.4-§6.6). Other packet types in a compound
 * (APP, RTPFB/PSFB feedback, XR, …) are skipped by {@link RtcpCodec}, not rejected.
 */
public sealed interface RtcpPacket permits SenderReport, ReceiverReport, SourceDescription, Bye {

    int SR = 200;
    int RR = 201;
    int SDES = 202;
    int BYE = 203;

    /** At most 31 report blocks, SDES chunks or BYE sources: the 5-bit count field. */
    int MAX_COUNT = 31;

    /** The packet type field (200-203). */
    int packetType();
}
