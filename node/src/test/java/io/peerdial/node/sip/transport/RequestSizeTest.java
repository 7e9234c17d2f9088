package io.peerdial.node.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

/** The 513 check measures a parsed request as received, without encoding it again. */
class RequestSizeTest {

    private static final String HEADERS = "INVITE sip:bob@example.org SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1;rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:alice@example.org>;tag=a1\r\n"
            + "To: <sip:bob@example.org>\r\n"
            + "Call-ID: size-1@127.0.0.1\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Contact: <sip:alice@127.0.0.1:5070>\r\n";

    @Test
    void aParsedRequestIsMeasuredAsReceived() throws Exception {
        String body = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
        byte[] wire = (HEADERS + "Content-Type: application/sdp\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
        Request r = (Request) new StringMsgParser().parseSIPMessage(wire, true, false, null);
        assertThat(SipService.sizeOf(r)).isEqualTo(wire.length);
    }

    @Test
    void withoutABodyToo() throws Exception {
        byte[] wire = (HEADERS + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        Request r = (Request) new StringMsgParser().parseSIPMessage(wire, true, false, null);
        assertThat(SipService.sizeOf(r)).isEqualTo(wire.length);
    }

    @Test
    void aRequestNotParsedFromTheWireIsEncodedToBeMeasured() throws Exception {
        byte[] wire = (HEADERS + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        Request copy = (Request) ((Request) new StringMsgParser().parseSIPMessage(wire, true, false, null)).clone();
        ((gov.nist.javax.sip.message.SIPMessage) copy).setSize(0); // as a request made here, or read from TCP
        assertThat(SipService.sizeOf(copy)).isEqualTo(copy.toString().getBytes(StandardCharsets.UTF_8).length);
    }
}
