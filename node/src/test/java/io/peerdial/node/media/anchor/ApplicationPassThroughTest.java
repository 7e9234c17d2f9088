package io.peerdial.node.media.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.node.media.ice.IceConfig;
import io.peerdial.node.media.net.NodeMediaAnchor;
import io.peerdial.node.media.sdp.SdpParser;
import io.peerdial.node.sip.transport.MediaAnchor;
import io.peerdial.node.sip.transport.Side;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The anchor leaves P2P application sessions (m=application, no audio) untouched; other audio-less offers stay refused. */
class ApplicationPassThroughTest {

    private static final String APPLICATION = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=peerdial-p2p\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=application 40000 UDP/PEERDIAL 1\r\na=ice-ufrag:abcd\r\na=ice-pwd:0123456789012345678901\r\n"
            + "a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host\r\n";
    private static final String VIDEO = APPLICATION.replace("m=application 40000 UDP/PEERDIAL 1", "m=video 40000 RTP/AVP 96\r\na=rtpmap:96 H264/90000");

    private final NodeMediaAnchor anchor = new NodeMediaAnchor(InetAddress.getLoopbackAddress(), IceConfig::loopbackOnly, 4);

    @Test
    void applicationOnlySessionsPassBothWaysUntouchedAndHoldNothing() throws Exception {
        byte[] body = APPLICATION.getBytes(StandardCharsets.US_ASCII);
        assertThat(anchor.rewrite("c1", Side.PHONE, Side.PEER, MediaAnchor.Carrier.REQUEST, body)).isSameAs(body);
        assertThat(anchor.rewrite("c1", Side.PEER, Side.PHONE, MediaAnchor.Carrier.RESPONSE, body)).isSameAs(body);
        assertThat(anchor.activeCalls()).isZero();
    }

    @Test
    void aSessionWithoutAudioOrApplicationIsStillRefused() {
        byte[] body = VIDEO.getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> anchor.rewrite("c2", Side.PHONE, Side.PEER, MediaAnchor.Carrier.REQUEST, body))
                .isInstanceOf(MediaAnchor.Refused.class);
    }

    @Test
    void classification() throws Exception {
        assertThat(AnchorSdp.isApplicationOnly(SdpParser.parse(APPLICATION.getBytes(StandardCharsets.US_ASCII)))).isTrue();
        assertThat(AnchorSdp.isApplicationOnly(SdpParser.parse(VIDEO.getBytes(StandardCharsets.US_ASCII)))).isFalse();
        String withAudio = APPLICATION + "m=audio 40002 RTP/AVP 0\r\n";
        assertThat(AnchorSdp.isApplicationOnly(SdpParser.parse(withAudio.getBytes(StandardCharsets.US_ASCII)))).isFalse();
        String disabled = APPLICATION.replace("m=application 40000", "m=application 0");
        assertThat(AnchorSdp.isApplicationOnly(SdpParser.parse(disabled.getBytes(StandardCharsets.US_ASCII)))).isFalse();
    }
}
