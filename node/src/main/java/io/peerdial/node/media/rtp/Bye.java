package io.peerdial.node.media.rtp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * BYE: goodbye (RFC 3550 §6.6).
 *
 * @param ssrcs  the sources leaving, at most 31
 * @param reason UTF-8 text of at most 255 bytes; empty when none is sent
 */
public record Bye(List<Long> ssrcs, String reason) implements RtcpPacket {

    public Bye {
        ssrcs = List.copyOf(ssrcs);
        if (ssrcs.size() > MAX_COUNT) {
            throw new IllegalArgumentException("at most 31 sources: " + ssrcs.size());
        }
        ssrcs.forEach(s -> RtpPacket.requireUnsigned32("ssrc", s));
        if (reason.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException("BYE reason longer than 255 bytes");
        }
    }

    @Override
    public int packetType() {
        return BYE;
    }
}
