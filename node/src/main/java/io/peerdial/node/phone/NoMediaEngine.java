package io.peerdial.node.phone;

import io.peerdial.node.media.sdp.Negotiated;
import java.net.InetAddress;

/**
 * No media at all, until the real engine is wired in: the SDP advertises the discard port 9
 * (RFC 863) so a far side that sends RTP sends it nowhere useful, and nothing is played,
 * recorded or sent. The softphone says {@code media: none}.
 */
public final class NoMediaEngine implements MediaEngine {

    static final int DISCARD_PORT = 9;

    @Override
    public CallMedia open(InetAddress localAddress, MediaOptions options) {
        return new CallMedia() {
            @Override
            public int localPort() {
                return DISCARD_PORT;
            }

            @Override
            public void start(Negotiated agreed) {}

            @Override
            public boolean sendDtmf(String digits) {
                return false;
            }

            @Override
            public MediaStats stats() {
                return MediaStats.NONE;
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public String describe() {
        return "none";
    }
}
