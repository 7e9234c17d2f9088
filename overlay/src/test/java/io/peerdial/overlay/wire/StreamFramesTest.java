package io.peerdial.overlay.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.overlay.wire.StreamFrames.FrameException;
import io.peerdial.overlay.wire.StreamFrames.FrameException.Reason;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/PROTOCOL.md "Datagrams over TCP": vectors both ways, any split of the stream, bad lengths. */
class StreamFramesTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void framesADatagramWithItsBigEndianLength() {
        assertThat(HEX.formatHex(StreamFrames.frame(HEX.parseHex("d1a0ff")))).isEqualTo("0003d1a0ff");
        byte[] max = new byte[StreamFrames.MAX_PAYLOAD];
        byte[] frame = StreamFrames.frame(max);
        assertThat(frame).hasSize(StreamFrames.MAX_FRAME);
        assertThat(HEX.formatHex(frame, 0, 2)).isEqualTo("04b0"); // 1200
    }

    @Test
    void decodesTheSameVector() throws FrameException {
        assertThat(decode(HEX.parseHex("0003d1a0ff"), 1)).containsExactly("d1a0ff");
    }

    @Test
    void refusesToFrameWhatNoDatagramIs() {
        assertThatThrownBy(() -> StreamFrames.frame(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StreamFrames.frame(new byte[StreamFrames.MAX_PAYLOAD + 1])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reassemblesFramesHoweverTheStreamIsSplit() throws FrameException {
        byte[] stream = concat(StreamFrames.frame(HEX.parseHex("01")), StreamFrames.frame(HEX.parseHex("020304")),
                StreamFrames.frame(new byte[StreamFrames.MAX_PAYLOAD]));
        for (int chunk = 1; chunk <= stream.length; chunk++) {
            List<String> out = decode(stream, chunk);
            assertThat(out).as("chunks of %d bytes", chunk).hasSize(3);
            assertThat(out.get(0)).isEqualTo("01");
            assertThat(out.get(1)).isEqualTo("020304");
            assertThat(out.get(2)).hasSize(2 * StreamFrames.MAX_PAYLOAD);
        }
    }

    @Test
    void keepsAPartialFrameUntilTheRestArrives() throws FrameException {
        StreamFrames.Reader reader = new StreamFrames.Reader();
        List<byte[]> out = new ArrayList<>();
        reader.feed(HEX.parseHex("0002aa"), 0, 3, out::add);
        assertThat(out).isEmpty();
        assertThat(reader.buffered()).isEqualTo(3);
        reader.feed(HEX.parseHex("ffbb"), 1, 1, out::add); // offset honoured
        assertThat(out).hasSize(1);
        assertThat(HEX.formatHex(out.get(0))).isEqualTo("aabb");
        assertThat(reader.buffered()).isZero();
    }

    @Test
    void aZeroLengthIsRefusedAndTheReaderStaysFailed() throws FrameException {
        StreamFrames.Reader reader = new StreamFrames.Reader();
        List<byte[]> out = new ArrayList<>();
        assertThatThrownBy(() -> reader.feed(HEX.parseHex("0001aa0000"), 0, 5, out::add))
                .isInstanceOfSatisfying(FrameException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY_FRAME));
        assertThat(out).hasSize(1); // the good frame before the bad one was delivered
        assertThatThrownBy(() -> reader.feed(HEX.parseHex("0001aa"), 0, 3, out::add))
                .isInstanceOfSatisfying(FrameException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY_FRAME));
        assertThat(out).hasSize(1);
    }

    @Test
    void aLengthAboveTheDatagramLimitIsRefusedBeforeItsBytesArrive() {
        StreamFrames.Reader reader = new StreamFrames.Reader();
        assertThatThrownBy(() -> reader.feed(HEX.parseHex("04b1"), 0, 2, b -> {}))
                .isInstanceOfSatisfying(FrameException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.OVERSIZED_FRAME);
                    assertThat(e.getMessage()).contains("1201");
                });
        StreamFrames.Reader other = new StreamFrames.Reader();
        assertThatThrownBy(() -> other.feed(HEX.parseHex("ffff"), 0, 2, b -> {}))
                .isInstanceOfSatisfying(FrameException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OVERSIZED_FRAME));
    }

    @Test
    void badOffsetsAreApiMisuse() {
        StreamFrames.Reader reader = new StreamFrames.Reader();
        assertThatThrownBy(() -> reader.feed(new byte[4], 3, 2, b -> {})).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static List<String> decode(byte[] stream, int chunk) throws FrameException {
        StreamFrames.Reader reader = new StreamFrames.Reader();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < stream.length; i += chunk) {
            reader.feed(stream, i, Math.min(chunk, stream.length - i), b -> out.add(HEX.formatHex(b)));
        }
        assertThat(reader.buffered()).isZero();
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int i = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }
}
