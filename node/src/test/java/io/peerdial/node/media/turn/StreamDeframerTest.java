package io.peerdial.node.media.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.node.media.turn.TapParseException.Reason;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cutting a TURN-over-TCP stream into frames (RFC 8656 §3.1, §12.5), whatever the read sizes. */
class StreamDeframerTest {

    private static byte[] stream(byte[]... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] f : frames) out.writeBytes(f);
        return out.toByteArray();
    }

    private static byte[] padded(byte[] channelData) {
        return Arrays.copyOf(channelData, (channelData.length + 3) & ~3);
    }

    private static List<byte[]> cut(byte[] stream, int chunk) throws TapParseException {
        StreamDeframer d = new StreamDeframer();
        List<byte[]> frames = new ArrayList<>();
        for (int at = 0; at < stream.length; ) {
            int n = Math.min(chunk, stream.length - at);
            int fed = 0;
            while (fed < n) {
                fed += d.feed(stream, at + fed, n - fed);
                while (d.next()) frames.add(Arrays.copyOfRange(d.array(), d.frameOffset(), d.frameOffset() + d.frameLength()));
            }
            at += n;
        }
        assertThat(d.pending()).isZero();
        return frames;
    }

    @Test
    void framesComeOutWholeForEveryReadSize() throws Exception {
        byte[] a = TurnMessages.COTURN_ALLOCATE_SUCCESS;
        byte[] b = padded(TurnMessages.channelData(5));
        byte[] c = TurnMessages.dataIndication(161);
        byte[] d = padded(TurnMessages.channelData(0));
        byte[] s = stream(a, b, c, d);
        for (int chunk : new int[] {1, 2, 3, 7, 64, s.length}) {
            assertThat(cut(s, chunk)).as("chunk %d", chunk).containsExactly(a, b, c, d);
        }
    }

    @Test
    void theLargestFramesFitAndFollowEachOther() throws Exception {
        byte[] big = padded(TurnMessages.channelData(0xFFFF));
        byte[] s = stream(big, big, TurnMessages.COTURN_CHANNEL_DATA);
        assertThat(cut(s, 60_000)).containsExactly(big, big, TurnMessages.COTURN_CHANNEL_DATA);
    }

    @Test
    void bytesThatAreNoFrameBreakTheStream() {
        StreamDeframer d = new StreamDeframer();
        byte[] s = stream(padded(TurnMessages.channelData(3)), new byte[] {(byte) 0xFF, 0, 0, 0});
        d.feed(s, 0, s.length);
        assertThatThrownBy(() -> {
            while (d.next()) { /* the first frame is fine */ }
        }).isInstanceOfSatisfying(TapParseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_TURN));
    }

    @Test
    void aFullBufferTakesNoMoreUntilFramesAreTaken() throws Exception {
        StreamDeframer d = new StreamDeframer();
        byte[] s = stream(padded(TurnMessages.channelData(0xFFFF)), padded(TurnMessages.channelData(0xFFFF)));
        int first = d.feed(s, 0, s.length);
        assertThat(first).isLessThan(s.length).isEqualTo(TurnFraming.MAX_FRAME + 1);
        assertThat(d.next()).isTrue();
        assertThat(d.frameLength()).isEqualTo(4 + 0x10000);
        assertThat(d.next()).isFalse();
        assertThat(d.feed(s, first, s.length - first)).isEqualTo(s.length - first);
        assertThat(d.next()).isTrue();
        assertThat(d.pending()).isZero();
    }
}
