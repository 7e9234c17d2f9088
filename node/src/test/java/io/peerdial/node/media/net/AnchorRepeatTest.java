package io.peerdial.node.media.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.node.media.ice.IceConfig;
import io.peerdial.node.sip.transport.MediaAnchor.Carrier;
import io.peerdial.node.sip.transport.Side;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A 2xx retransmission forwarded statelessly gets the body its first copy was rewritten to, on both
 * nodes of a call (seen in e2e/media-nat.sh: the callee's phone's raw SDP reached the caller's node,
 * which then had no ICE credentials to answer with). Loopback ICE only.
 */
class AnchorRepeatTest {

    private static final String CALL = "repeat-test@127.0.0.1";
    private final NodeMediaAnchor a = new NodeMediaAnchor(InetAddress.getLoopbackAddress(), IceConfig::loopbackOnly, 4);
    private final NodeMediaAnchor b = new NodeMediaAnchor(InetAddress.getLoopbackAddress(), IceConfig::loopbackOnly, 4);

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    private static byte[] phoneSdp(int port) {
        return ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aRepeatedAnswerCrossesAsTheFirstOneDid() throws Exception {
        byte[] offerToNode = a.rewrite(CALL, Side.PHONE, Side.PEER, Carrier.REQUEST, phoneSdp(40_000));
        b.rewrite(CALL, Side.PEER, Side.PHONE, Carrier.REQUEST, offerToNode);
        byte[] bobAnswer = phoneSdp(40_100);
        byte[] answerToNode = b.rewrite(CALL, Side.PHONE, Side.PEER, Carrier.RESPONSE, bobAnswer);
        assertThat(new String(answerToNode, StandardCharsets.US_ASCII)).contains("a=ice-ufrag:");
        byte[] answerToAlice = a.rewrite(CALL, Side.PEER, Side.PHONE, Carrier.RESPONSE, answerToNode);

        // bob's phone repeats its 200: node B sends on the anchored answer, node A the one alice got
        assertThat(b.repeat(CALL, Side.PHONE, bobAnswer.clone())).isEqualTo(answerToNode);
        assertThat(a.repeat(CALL, Side.PEER, answerToNode.clone())).isEqualTo(answerToAlice);
        // a body the anchor never rewrote is not forwarded; from the other side neither
        assertThat(b.repeat(CALL, Side.PHONE, phoneSdp(40_200))).isNull();
        assertThat(a.repeat(CALL, Side.PHONE, answerToNode)).isNull();
        // a call that is not anchored here keeps its body
        byte[] other = phoneSdp(40_300);
        assertThat(a.repeat("other@127.0.0.1", Side.PHONE, other)).isSameAs(other);
    }
}
