package io.peerdial.node.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 4733 §2.3 payloads, with the DTMF-01..03 vectors of /work/shared/vectors/media-and-auth.md. */
class TelephoneEventCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    private static void bothWays(TelephoneEvent event, String hex) throws TelephoneEventException {
        assertThat(HEX.formatHex(TelephoneEventCodec.encode(event))).isEqualTo(hex);
        assertThat(TelephoneEventCodec.decode(HEX.parseHex(hex))).isEqualTo(event);
    }

    @Test
    void dtmf01KeySevenBothWays() throws TelephoneEventException {
        bothWays(new TelephoneEvent(TelephoneEvent.eventOf('7'), false, 0, 200), "070000c8");
        bothWays(new TelephoneEvent(7, true, 0, 200), "078000c8"); // "with end=True the second byte is 0x80"
    }

    @Test
    void dtmf02KeyToEventMapping() {
        String keys = "0123456789*#ABCD";
        for (int i = 0; i < keys.length(); i++) {
            assertThat(TelephoneEvent.eventOf(keys.charAt(i))).isEqualTo(i);
            assertThat(new TelephoneEvent(i, false, 0, 0).key()).isEqualTo(keys.charAt(i));
        }
        assertThat(TelephoneEvent.eventOf('*')).isEqualTo(10);
        assertThat(TelephoneEvent.eventOf('#')).isEqualTo(11);
        assertThat(TelephoneEvent.eventOf('d')).isEqualTo(15);
        // the guide maps unknown keys to 16, which RFC 4733 §3.2 defines as Flash: refused here instead
        assertThatThrownBy(() -> TelephoneEvent.eventOf('E')).isInstanceOf(IllegalArgumentException.class);
        assertThat(new TelephoneEvent(16, false, 0, 0).isDtmf()).isFalse();
    }

    @Test
    void dtmf03PerDigitPayloads() throws TelephoneEventException {
        // the guide's createDTMFs('12#'): only the last object ends; per-payload bytes still hold
        bothWays(new TelephoneEvent(1, false, 0, 200), "010000c8");
        bothWays(new TelephoneEvent(2, false, 0, 200), "020000c8");
        bothWays(new TelephoneEvent(11, true, 0, 200), "0b8000c8");
    }

    @Test
    void volumeAndDurationUseTheirFullRanges() throws TelephoneEventException {
        bothWays(new TelephoneEvent(255, true, 63, 65535), "ffbfffff");
        bothWays(new TelephoneEvent(0, false, 10, 160), "000a00a0");
    }

    @Test
    void reservedBitIsIgnoredOnReceipt() throws TelephoneEventException {
        assertThat(TelephoneEventCodec.decode(HEX.parseHex("05ca0320"))).isEqualTo(new TelephoneEvent(5, true, 10, 800));
    }

    @Test
    void wrongLengthsAreRefusedWithAReason() {
        for (String hex : new String[] {"", "07", "0700c8"}) {
            assertThatThrownBy(() -> TelephoneEventCodec.decode(HEX.parseHex(hex)))
                    .isInstanceOfSatisfying(TelephoneEventException.class,
                            e -> assertThat(e.reason()).isEqualTo(TelephoneEventException.Reason.TRUNCATED));
        }
        assertThatThrownBy(() -> TelephoneEventCodec.decode(HEX.parseHex("070000c800")))
                .isInstanceOfSatisfying(TelephoneEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(TelephoneEventException.Reason.TRAILING_BYTES));
    }

    @Test
    void recordRefusesOutOfRangeFields() {
        assertThatThrownBy(() -> new TelephoneEvent(256, false, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TelephoneEvent(1, false, 64, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TelephoneEvent(1, false, 0, 65536)).isInstanceOf(IllegalArgumentException.class);
    }
}
