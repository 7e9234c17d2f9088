package io.peerdial.overlay.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for {@link StreamFrames.Reader} (docs/FUZZING.md). Properties: feeding throws nothing
 * but {@link StreamFrames.FrameException}; every datagram it yields is 1..1200 bytes; splitting the
 * same stream into one-byte chunks yields the same datagrams and the same refusal; re-framing what
 * came out reproduces the consumed stream.
 *
 * <p>{@code mvn test} replays the committed corpus in
 * {@code src/test/resources/io/peerdial/overlay/wire/StreamFramesFuzzTestInputs/readArbitraryStream/}.
 */
class StreamFramesFuzzTest {

    @FuzzTest
    void readArbitraryStream(byte[] stream) {
        List<byte[]> whole = new ArrayList<>();
        StreamFrames.FrameException wholeError = feed(stream, stream.length, whole);
        List<byte[]> bytewise = new ArrayList<>();
        StreamFrames.FrameException byteError = feed(stream, 1, bytewise);

        assertThat(bytewise).hasSameSizeAs(whole);
        for (int i = 0; i < whole.size(); i++) assertThat(bytewise.get(i)).isEqualTo(whole.get(i));
        assertThat(byteError == null ? null : byteError.reason()).isEqualTo(wholeError == null ? null : wholeError.reason());

        ByteArrayOutputStream reframed = new ByteArrayOutputStream();
        for (byte[] d : whole) {
            assertThat(d.length).isBetween(1, StreamFrames.MAX_PAYLOAD);
            reframed.writeBytes(StreamFrames.frame(d));
        }
        byte[] again = reframed.toByteArray();
        assertThat(again.length).isLessThanOrEqualTo(stream.length);
        for (int i = 0; i < again.length; i++) assertThat(again[i]).isEqualTo(stream[i]);
    }

    private static StreamFrames.FrameException feed(byte[] stream, int chunk, List<byte[]> out) {
        StreamFrames.Reader reader = new StreamFrames.Reader();
        try {
            for (int i = 0; i < stream.length; i += chunk) reader.feed(stream, i, Math.min(chunk, stream.length - i), out::add);
            return null;
        } catch (StreamFrames.FrameException e) {
            assertThat(e.reason()).isNotNull();
            return e;
        }
    }
}
