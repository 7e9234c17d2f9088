package io.peerdial.node.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SdpWriterTest {

    private static final SessionDescription MODEL = new SessionDescription(
            new Origin("alice", 42, 7, "IP4", "127.0.0.1"), "peerdial", "127.0.0.1", List.of(Attribute.flag("ice-lite")),
            List.of(new MediaDescription("audio", 40000, "RTP/AVP",
                    List.of(new Format(0, "PCMU", 8000, 1), new Format(111, "opus", 48000, 2, "useinbandfec=1"),
                            new Format(101, "telephone-event", 8000, 1, "0-16")),
                    null, MediaDirection.SENDONLY, true, 20,
                    List.of(new Attribute("ice-ufrag", "abcd"), new Attribute("candidate", "1 1 udp 2130706431 127.0.0.1 40000 typ host"),
                            Attribute.flag("end-of-candidates")))));

    @Test
    void writesTheExactCrlfText() {
        assertThat(SdpWriter.write(MODEL)).isEqualTo(String.join("\r\n",
                "v=0",
                "o=alice 42 7 IN IP4 127.0.0.1",
                "s=peerdial",
                "c=IN IP4 127.0.0.1",
                "t=0 0",
                "a=ice-lite",
                "m=audio 40000 RTP/AVP 0 111 101",
                "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:111 opus/48000/2",
                "a=fmtp:111 useinbandfec=1",
                "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-16",
                "a=ptime:20",
                "a=rtcp-mux",
                "a=ice-ufrag:abcd",
                "a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host",
                "a=end-of-candidates",
                "a=sendonly",
                ""));
    }

    @Test
    void writeThenParseGivesTheSameModel() throws SdpException {
        assertThat(SdpParser.parse(SdpWriter.write(MODEL))).isEqualTo(MODEL);
    }

    @Test
    void parsedRealBodiesSurviveWriteAndParse() throws SdpException {
        for (String v : SdpParserTest.vectors()) {
            SessionDescription once = SdpParser.parse(v);
            assertThat(SdpParser.parse(SdpWriter.write(once))).as(v).isEqualTo(once);
        }
    }

    @Test
    void ipv6ConnectionAddressesAreWrittenAsIp6() throws SdpException {
        SessionDescription v6 = MODEL.withOrigin(new Origin("a", 1, 1, "IP6", "::1"));
        v6 = new SessionDescription(v6.origin(), v6.sessionName(), "::1", v6.attributes(), v6.media());
        assertThat(SdpWriter.write(v6)).contains("c=IN IP6 ::1\r\n", "o=a 1 1 IN IP6 ::1\r\n");
        assertThat(SdpParser.parse(SdpWriter.write(v6))).isEqualTo(v6);
    }
}
