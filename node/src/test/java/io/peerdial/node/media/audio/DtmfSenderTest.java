package io.peerdial.node.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 4733 §2.5.1 sender behaviour, frame by frame. */
class DtmfSenderTest {

    /** Runs the sender over {@code frames} 20 ms frames from RTP timestamp {@code start}. */
    static List<Optional<DtmfPacket>> run(DtmfSender sender, long start, int step, int frames) {
        List<Optional<DtmfPacket>> out = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            out.add(sender.tick((start + (long) i * step) & 0xFFFF_FFFFL));
        }
        return out;
    }

    @Test
    void oneDigitAtEightKilohertz() {
        DtmfSender sender = new DtmfSender(8000);
        sender.send("5");
        assertThat(sender.isActive()).isTrue();
        List<Optional<DtmfPacket>> frames = run(sender, 1000, 160, 9);
        List<String> wire = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            DtmfPacket p = frames.get(i).orElseThrow();
            assertThat(p.rtpTimestamp()).as("all packets carry the event's start").isEqualTo(1000);
            assertThat(p.marker()).isEqualTo(i == 0);
            wire.add(HexFormat.of().formatHex(p.payload()));
        }
        // durations 160..640 growing, then the end packet with 800 three times (volume 10 = 0x0a)
        assertThat(wire).containsExactly("050a00a0", "050a0140", "050a01e0", "050a0280",
                "058a0320", "058a0320", "058a0320");
        assertThat(frames.get(7)).isEmpty(); // the rest of the 60 ms gap carries audio
        assertThat(frames.get(8)).isEmpty();
        assertThat(sender.isActive()).isFalse();
    }

    @Test
    void digitsFollowEachOtherAfterTheGap() {
        DtmfSender sender = new DtmfSender(8000);
        sender.send("12");
        List<Optional<DtmfPacket>> frames = run(sender, 0, 160, 16);
        assertThat(frames.get(0).orElseThrow().event().event()).isEqualTo(1);
        DtmfPacket second = frames.get(8).orElseThrow(); // 5 tone frames + 3 gap frames later
        assertThat(second.event().event()).isEqualTo(2);
        assertThat(second.marker()).isTrue();
        assertThat(second.rtpTimestamp()).isEqualTo(8 * 160);
        assertThat(frames.subList(15, 16)).containsOnly(Optional.empty());
    }

    @Test
    void opusClockScalesDurations() {
        DtmfSender sender = new DtmfSender(48_000, 40, 40, 0);
        sender.send("#");
        List<Optional<DtmfPacket>> frames = run(sender, 0xFFFF_FC40L, 960, 5); // start just before the wrap
        assertThat(frames.get(0).orElseThrow().event()).isEqualTo(new TelephoneEvent(11, false, 0, 960));
        for (int i = 1; i <= 3; i++) {
            assertThat(frames.get(i).orElseThrow().event()).isEqualTo(new TelephoneEvent(11, true, 0, 1920));
            assertThat(frames.get(i).orElseThrow().rtpTimestamp()).isEqualTo(0xFFFF_FC40L);
        }
        assertThat(frames.get(4)).isEmpty();
    }

    @Test
    void misuseIsRefused() {
        DtmfSender sender = new DtmfSender(8000);
        assertThatThrownBy(() -> sender.send("12x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(sender.isActive()).isFalse(); // nothing of a bad string is queued
        assertThatThrownBy(() -> new DtmfSender(8000, 100, 20, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DtmfSender(44_100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sender.tick(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
