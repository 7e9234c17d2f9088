package io.peerdial.node.media.rtp;

import java.util.List;

/** RR: receiver report (RFC 3550 §6.4.2). Profile-specific extensions are skipped on decode. */
public record ReceiverReport(long ssrc, List<ReportBlock> reports) implements RtcpPacket {

    public ReceiverReport {
        RtpPacket.requireUnsigned32("ssrc", ssrc);
        reports = List.copyOf(reports);
        if (reports.size() > MAX_COUNT) {
            throw new IllegalArgumentException("at most 31 report blocks: " + reports.size());
        }
    }

    @Override
    public int packetType() {
        return RR;
    }
}
