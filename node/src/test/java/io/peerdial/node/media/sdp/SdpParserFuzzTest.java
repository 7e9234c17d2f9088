package io.peerdial.node.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * The SDP parser takes peer input: only SdpException may leave it; what parses writes out and
 * parses back to an equal model; an offer built from it can be answered without an exception.
 */
class SdpParserFuzzTest {

    private static final LocalMedia LOCAL = new LocalMedia("127.0.0.1", 4000, LocalMedia.DEFAULT_CODECS, MediaDirection.SENDRECV, 0, List.of());

    @FuzzTest(maxDuration = "10s")
    void parseWriteParse(byte[] input) {
        SessionDescription sd;
        try {
            sd = SdpParser.parse(input);
        } catch (SdpException expected) {
            return; // a typed refusal is the only allowed failure
        }
        assertThat(sd.media()).hasSizeLessThanOrEqualTo(SdpParser.MAX_MEDIA);
        String written = SdpWriter.write(sd);
        try {
            assertThat(SdpParser.parse(written)).isEqualTo(sd);
        } catch (SdpException e) {
            throw new AssertionError("written SDP does not parse back: " + e.getMessage() + "\n" + written, e);
        }
        OfferAnswer.answer(sd, LOCAL, null, "fuzz", 1);
    }
}
