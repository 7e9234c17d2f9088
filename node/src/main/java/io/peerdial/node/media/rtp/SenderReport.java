package io.peerdial.node.media.rtp;

import java.util.List;

/**
 * SR: sender report (RFC 3550 §6.4.1). Profile-specific extensions after the report blocks are
 * skipped on decode and never written.
 *
 * @param packetCount RTP data packets sent, unsigned 32 bits (wraps)
 * @param octetCount  RTP payload octets sent, unsigned 32 bits (wraps)
 */
public record SenderReport(long ssrc, NtpTime ntpTime, long rtpTimestamp, long packetCount, long octetCount,
                           List<ReportBlock> reports) implements RtcpPacket {

    public SenderReport {
        RtpPacket.requireUnsigned32("ssrc", ssrc);
        RtpPacket.requireUnsigned32("RTP timestamp", rtpTimestamp);
        RtpPacket.requireUnsigned32("packet count", packetCount);
        RtpPacket.requireUnsigned32("octet count", octetCount);
        reports = List.copyOf(reports);
        if (reports.size() > MAX_COUNT) {
            throw new IllegalArgumentException("at most 31 report blocks: " + reports.size());
        }
        java.util.Objects.requireNonNull(ntpTime);
    }

    @Override
    public int packetType() {
        return SR;
    }
}
