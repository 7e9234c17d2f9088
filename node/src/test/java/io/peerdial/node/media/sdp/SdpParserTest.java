package io.peerdial.node.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.node.media.sdp.SdpException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SdpParserTest {

    @Test
    void baresipOfferDecodes() throws SdpException {
        SessionDescription sd = SdpParser.parse(SdpVectors.BARESIP);
        assertThat(sd.origin()).isEqualTo(new Origin("-", 1376531018L, 2081404640L, "IP4", "127.0.0.1"));
        assertThat(sd.connection()).isEqualTo("127.0.0.1");
        MediaDescription m = sd.media().get(0);
        assertThat(m.port()).isEqualTo(10310);
        assertThat(m.proto()).isEqualTo("RTP/AVP");
        assertThat(m.formats()).containsExactly(new Format(0, "PCMU", 8000, 1), new Format(8, "PCMA", 8000, 1),
                new Format(96, "opus", 48000, 2, "stereo=1;sprop-stereo=1"), new Format(101, "telephone-event", 8000, 1, "0-15"));
        assertThat(m.direction()).isEqualTo(MediaDirection.SENDRECV);
        assertThat(m.rtcpMux()).isFalse();
        assertThat(m.attributes()).extracting(Attribute::name).containsExactly("label", "ssrc", "rtcp-rsize");
    }

    @Test
    void linphoneIceAttributesPassThroughInOrder() throws SdpException {
        SessionDescription sd = SdpParser.parse(SdpVectors.LINPHONE.getBytes(StandardCharsets.UTF_8));
        assertThat(sd.sessionName()).isEqualTo("Talk");
        assertThat(sd.attributes()).extracting(Attribute::name).containsExactly("rtcp-xr", "ice-ufrag", "ice-pwd");
        MediaDescription m = sd.media().get(0);
        assertThat(m.formats()).extracting(Format::payloadType).containsExactly(96, 97, 98, 0, 8, 101, 99, 100);
        assertThat(m.attributeValues("candidate")).hasSize(3)
                .first().isEqualTo("1 1 UDP 2130706431 192.168.1.20 7078 typ host");
        assertThat(m.attributes()).extracting(Attribute::toString).contains("end-of-candidates");
    }

    @Test
    void sippBodyWithBareLineFeedsDecodes() throws SdpException {
        SessionDescription sd = SdpParser.parse(SdpVectors.SIPP);
        assertThat(sd.media().get(0).formats()).containsExactly(new Format(0, "PCMU", 8000, 1));
    }

    @Test
    void staticPayloadTypeWithoutRtpmapUsesRfc3551Table() throws SdpException {
        SessionDescription sd = SdpParser.parse(SdpVectors.LEGACY_HOLD);
        assertThat(sd.media().get(0).formats()).containsExactly(new Format(8, "PCMA", 8000, 1));
        assertThat(sd.connection()).isEqualTo("0.0.0.0");
    }

    @Test
    void sessionLevelDirectionAppliesUnlessTheMediaSectionOverridesIt() throws SdpException {
        String sdp = "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\na=sendonly\r\n"
                + "m=audio 1000 RTP/AVP 0\r\nc=IN IP4 1.2.3.5\r\nm=audio 1002 RTP/AVP 0\r\na=inactive\r\n";
        SessionDescription sd = SdpParser.parse(sdp);
        assertThat(sd.media()).extracting(MediaDescription::direction).containsExactly(MediaDirection.SENDONLY, MediaDirection.INACTIVE);
        assertThat(sd.media().get(0).connectionOr(sd.connection())).isEqualTo("1.2.3.5");
        assertThat(sd.media().get(1).connectionOr(sd.connection())).isNull();
    }

    @Test
    void unknownLineTypesAndUnreadableAttributesAreSkipped() throws SdpException {
        String sdp = "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\ni=info\r\nx=future\r\nt=0 0\r\na=\r\n"
                + "m=audio 1000 RTP/AVP 0\r\nb=AS:80\r\na=rtcp-mux\r\na=ptime:20\r\n\r\n";
        MediaDescription m = SdpParser.parse(sdp).media().get(0);
        assertThat(m.rtcpMux()).isTrue();
        assertThat(m.ptime()).isEqualTo(20);
    }

    @Test
    void refusalsCarryTheirReason() {
        String head = "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\n";
        assertReason("", Reason.MISSING_VERSION);
        assertReason("v=1\r\n", Reason.BAD_VERSION);
        assertReason("v=0\r\ns=-\r\n", Reason.MISSING_ORIGIN);
        assertReason("v=0\r\no=- x 1 IN IP4 a\r\n", Reason.BAD_ORIGIN);
        assertReason(head + "c=IN IP9 a\r\n", Reason.BAD_CONNECTION);
        assertReason(head + "m=audio 70000 RTP/AVP 0\r\n", Reason.BAD_PORT);
        assertReason(head + "m=audio 1000 RTP/AVP\r\n", Reason.BAD_MEDIA);
        assertReason(head + "m=audio 1000 RTP/AVP 96\r\n", Reason.BAD_RTPMAP);
        assertReason(head + "m=audio 1000 RTP/AVP 96\r\na=rtpmap:96 opus\r\n", Reason.BAD_RTPMAP);
        assertReason(head + "m=audio 1000 RTP/AVP 0\r\na=fmtp:0\r\n", Reason.BAD_FMTP);
        assertReason(head + "m=audio 1000 RTP/AVP 0\r\na=ptime:0\r\n", Reason.BAD_PTIME);
        assertReason(head + "garbage\r\n", Reason.BAD_LINE);
        assertReason(head + "m=audio 1000 RTP/AVP 0\r" + "a=x\r\n", Reason.BAD_LINE);
        assertReason(head + "m=audio 1 RTP/AVP 0\r\n".repeat(SdpParser.MAX_MEDIA + 1), Reason.TOO_MANY_MEDIA);
        assertReason(head + "m=audio 1 RTP/AVP 0\r\n" + "a=x\r\n".repeat(SdpParser.MAX_ATTRIBUTES + 1), Reason.TOO_MANY_ATTRIBUTES);
        assertReason(head + "m=audio 1 RTP/AVP" + " 0".repeat(SdpParser.MAX_FORMATS + 1) + "\r\n", Reason.TOO_MANY_FORMATS);
        assertReason(head + "a=" + "x".repeat(SdpParser.MAX_BYTES), Reason.TOO_LARGE);
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] bad = {'v', '=', '0', '\r', '\n', 's', '=', (byte) 0xc3, '\r', '\n'};
        assertThatThrownBy(() -> SdpParser.parse(bad)).isInstanceOfSatisfying(SdpException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.BAD_ENCODING));
    }

    private static void assertReason(String sdp, Reason reason) {
        assertThatThrownBy(() -> SdpParser.parse(sdp)).as(sdp).isInstanceOfSatisfying(SdpException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    static List<String> vectors() {
        return List.of(SdpVectors.BARESIP, SdpVectors.LINPHONE, SdpVectors.SIPP, SdpVectors.LEGACY_HOLD);
    }
}
