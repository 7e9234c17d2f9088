package io.peerdial.benchmarks;

import io.peerdial.node.media.audio.AudioCodec;
import io.peerdial.node.media.audio.AudioDecodeException;
import io.peerdial.node.media.audio.Codecs;
import io.peerdial.node.media.audio.ToneSource;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * CPU per call leg and 20 ms frame: encode one frame of a 440 Hz tone and decode it again, for
 * G.711 µ-law and Opus (Concentus, 32 kbit/s, complexity 5). A frame is due every 20 ms, so the
 * result divided by 20 ms is the share of one core a call's audio costs.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar AudioCodecBenchmark -f 1 -wi 8 -w 2 -i 3 -r 2}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AudioCodecBenchmark {

    @Param({"PCMU", "opus"})
    public String codec;

    private AudioCodec encoder;
    private AudioCodec decoder;
    private short[][] frames;
    private int next;

    @Setup
    public void setUp() {
        encoder = Codecs.standard().byName(codec).orElseThrow();
        decoder = Codecs.standard().byName(codec).orElseThrow();
        ToneSource tone = new ToneSource(440, 0.4, encoder.sampleRate());
        frames = new short[50][]; // one second of audio, cycled: the encoder sees a continuing signal
        for (int i = 0; i < frames.length; i++) {
            frames[i] = tone.nextFrame();
        }
    }

    @Benchmark
    public short[] encodeDecode() throws AudioDecodeException {
        short[] frame = frames[next];
        next = (next + 1) % frames.length;
        return decoder.decode(encoder.encode(frame));
    }
}
