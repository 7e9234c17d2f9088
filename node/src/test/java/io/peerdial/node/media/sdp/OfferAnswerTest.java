package io.peerdial.node.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OfferAnswerTest {

    private static final LocalMedia LOCAL = new LocalMedia("127.0.0.1", 40000, LocalMedia.DEFAULT_CODECS, MediaDirection.SENDRECV, 0,
            List.of(new Attribute("ice-ufrag", "u1")));

    @Test
    void offerListsEveryLocalCodecWithItsPayloadType() {
        SessionDescription offer = OfferAnswer.offer("alice", 99, 0, LOCAL);
        MediaDescription m = offer.media().get(0);
        assertThat(m.port()).isEqualTo(40000);
        assertThat(m.formats()).extracting(Format::payloadType).containsExactly(0, 8, 111, 101, 102);
        assertThat(m.direction()).isEqualTo(MediaDirection.SENDRECV);
        assertThat(offer.connection()).isEqualTo("127.0.0.1");
        assertThat(m.attributes()).containsExactly(new Attribute("ice-ufrag", "u1"));
    }

    @Test
    void reofferKeepsTheSessionIdAndIncrementsTheVersion() {
        SessionDescription first = OfferAnswer.offer("alice", 99, 3, LOCAL);
        SessionDescription hold = OfferAnswer.reoffer(first, LOCAL.withDirection(MediaDirection.SENDONLY));
        assertThat(hold.origin().sessionId()).isEqualTo(99);
        assertThat(hold.origin().version()).isEqualTo(4);
        assertThat(hold.media().get(0).direction()).isEqualTo(MediaDirection.SENDONLY);
    }

    @Test
    void answerKeepsTheOfferersOrderAndDynamicPayloadTypes() throws SdpException {
        OfferAnswer.Answer a = OfferAnswer.answer(SdpParser.parse(SdpVectors.LINPHONE), LOCAL, null, "bob", 5);
        MediaDescription m = a.sdp().media().get(0);
        // linphone: 96 opus/48000/2, speex x2 (not ours), 0, 8, three telephone-events of which /48000 and /8000 are ours
        assertThat(m.formats()).extracting(Format::payloadType).containsExactly(96, 0, 8, 101, 100);
        assertThat(m.port()).isEqualTo(40000);
        Negotiated n = a.audio().orElseThrow();
        assertThat(n.codec()).isEqualTo(new Format(96, "opus", 48000, 2, "useinbandfec=1"));
        assertThat(n.telephoneEvent()).as("RFC 4733 §2.1: the event clock of the Opus call is 48 kHz").isEqualTo(101);
        assertThat(n.remoteAddress()).isEqualTo("192.168.1.20");
        assertThat(n.remotePort()).isEqualTo(7078);
        assertThat(n.remoteAttributes()).extracting(Attribute::name).contains("candidate", "end-of-candidates");
        assertThat(a.sdp().origin().version()).isZero();
    }

    @Test
    void answerDirectionMirrorsTheOffer() throws SdpException {
        assertThat(answerDirection("sendonly", MediaDirection.SENDRECV)).isEqualTo(MediaDirection.RECVONLY);
        assertThat(answerDirection("recvonly", MediaDirection.SENDRECV)).isEqualTo(MediaDirection.SENDONLY);
        assertThat(answerDirection("inactive", MediaDirection.SENDRECV)).isEqualTo(MediaDirection.INACTIVE);
        assertThat(answerDirection("sendrecv", MediaDirection.SENDRECV)).isEqualTo(MediaDirection.SENDRECV);
        assertThat(answerDirection("sendrecv", MediaDirection.SENDONLY)).isEqualTo(MediaDirection.SENDONLY); // we hold
        assertThat(answerDirection("sendonly", MediaDirection.SENDONLY)).isEqualTo(MediaDirection.INACTIVE); // both hold
    }

    private static MediaDirection answerDirection(String offered, MediaDirection local) throws SdpException {
        String sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=" + offered + "\r\n";
        OfferAnswer.Answer a = OfferAnswer.answer(SdpParser.parse(sdp), LOCAL.withDirection(local), null, "bob", 1);
        Negotiated n = a.audio().orElseThrow();
        assertThat(n.direction()).isEqualTo(a.sdp().media().get(0).direction());
        assertThat(n.remoteHold()).isEqualTo(offered.equals("sendonly") || offered.equals("inactive"));
        return n.direction();
    }

    @Test
    void legacyHoldWithZeroAddressStopsOurSending() throws SdpException {
        OfferAnswer.Answer a = OfferAnswer.answer(SdpParser.parse(SdpVectors.LEGACY_HOLD), LOCAL, null, "bob", 1);
        Negotiated n = a.audio().orElseThrow();
        assertThat(n.remoteHold()).isTrue();
        assertThat(n.direction().sends()).isFalse();
        assertThat(a.sdp().media().get(0).direction()).isEqualTo(MediaDirection.RECVONLY);
    }

    @Test
    void portZeroNonAudioAndCodeclessStreamsAreRejectedWithPortZero() throws SdpException {
        String sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
                + "m=audio 0 RTP/AVP 0\r\n"
                + "m=video 5000 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\n"
                + "m=audio 5002 RTP/AVP 18 101\r\na=rtpmap:101 telephone-event/8000\r\n"
                + "m=audio 5004 RTP/AVP 8\r\n"
                + "m=audio 5006 RTP/AVP 0\r\n";
        OfferAnswer.Answer a = OfferAnswer.answer(SdpParser.parse(sdp), LOCAL, null, "bob", 1);
        assertThat(a.sdp().media()).extracting(MediaDescription::port).containsExactly(0, 0, 0, 40000, 0);
        assertThat(a.sdp().media().get(1).media()).isEqualTo("video");
        assertThat(a.audio().orElseThrow().remotePort()).isEqualTo(5004);
        assertThat(a.audio().orElseThrow().telephoneEvent()).isEqualTo(-1);
    }

    @Test
    void noCommonCodecAtAllMeansNoAudio() throws SdpException {
        String sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP 18\r\n";
        OfferAnswer.Answer a = OfferAnswer.answer(SdpParser.parse(sdp), LOCAL, null, "bob", 1);
        assertThat(a.audio()).isEmpty();
        assertThat(a.sdp().media().get(0).isRejected()).isTrue();
    }

    @Test
    void answerInAnExistingSessionIncrementsOurVersion() throws SdpException {
        SessionDescription offer = SdpParser.parse(SdpVectors.BARESIP);
        OfferAnswer.Answer first = OfferAnswer.answer(offer, LOCAL, null, "bob", 8);
        OfferAnswer.Answer second = OfferAnswer.answer(offer, LOCAL, first.sdp(), "bob", 8);
        assertThat(second.sdp().origin().version()).isEqualTo(first.sdp().origin().version() + 1);
        assertThat(second.sdp().origin().sessionId()).isEqualTo(8);
    }

    @Test
    void offererReadsTheAnswerThroughTheWire() throws SdpException {
        SessionDescription offer = OfferAnswer.offer("alice", 1, 0, LOCAL.withDirection(MediaDirection.SENDONLY));
        LocalMedia bob = new LocalMedia("127.0.0.2", 50000, List.of(new Format(8, "PCMA", 8000, 1)), MediaDirection.SENDRECV, 0, List.of());
        OfferAnswer.Answer answer = OfferAnswer.answer(SdpParser.parse(SdpWriter.write(offer)), bob, null, "bob", 2);
        Negotiated atAlice = OfferAnswer.accept(offer, SdpParser.parse(SdpWriter.write(answer.sdp()))).orElseThrow();
        assertThat(atAlice.codec().encoding()).isEqualTo("PCMA");
        assertThat(atAlice.remotePort()).isEqualTo(50000);
        assertThat(atAlice.remoteAddress()).isEqualTo("127.0.0.2");
        assertThat(atAlice.direction()).isEqualTo(MediaDirection.SENDONLY);
        assertThat(atAlice.remoteHold()).isFalse(); // we hold them, they do not hold us
        assertThat(answer.audio().orElseThrow().remoteHold()).isTrue();
    }
}
