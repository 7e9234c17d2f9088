package io.peerdial.node.media.rtp;

/**
 * One reception report block of an SR or RR (RFC 3550 §6.4.1).
 *
 * @param ssrc                    the source this block reports on
 * @param fractionLost            lost since the previous report, as a fixed-point fraction of 256 (0-255)
 * @param cumulativeLost          total lost, signed 24 bits (duplicates can make it negative)
 * @param extendedHighestSequence cycles &lt;&lt; 16 | highest sequence number received, unsigned 32 bits
 * @param jitter                  interarrival jitter in timestamp units, unsigned 32 bits
 * @param lastSr                  middle 32 bits of the last SR's NTP timestamp from that source, 0 if none (LSR)
 * @param delaySinceLastSr        since that SR, in 1/65536 s (DLSR)
 */
public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence, long jitter,
                          long lastSr, long delaySinceLastSr) {

    public static final int SIZE = 24;
    public static final int MAX_CUMULATIVE_LOST = 0x7F_FFFF;
    public static final int MIN_CUMULATIVE_LOST = -0x80_0000;

    public ReportBlock {
        RtpPacket.requireUnsigned32("ssrc", ssrc);
        if (fractionLost < 0 || fractionLost > 255) {
            throw new IllegalArgumentException("fraction lost must be 0-255: " + fractionLost);
        }
        if (cumulativeLost < MIN_CUMULATIVE_LOST || cumulativeLost > MAX_CUMULATIVE_LOST) {
            throw new IllegalArgumentException("cumulative lost must fit 24 signed bits: " + cumulativeLost);
        }
        RtpPacket.requireUnsigned32("extended highest sequence", extendedHighestSequence);
        RtpPacket.requireUnsigned32("jitter", jitter);
        RtpPacket.requireUnsigned32("LSR", lastSr);
        RtpPacket.requireUnsigned32("DLSR", delaySinceLastSr);
    }
}
