package io.peerdial.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.node.media.audio.ToneSource;
import io.peerdial.node.media.audio.WavAudio;
import io.peerdial.node.media.audio.WavFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code peerdial tone}: exit 0 with the tone, 3 without, 1 for an unreadable file, 2 for a bad --hz. */
class ToneCommandTest {

    @TempDir
    Path dir;

    private Path wav(double hz) throws IOException {
        Path f = dir.resolve(hz + ".wav");
        Files.write(f, WavFile.toBytes(new WavAudio(8000, 1, new ToneSource(hz, 0.5, 8000).next(8000))));
        return f;
    }

    @Test
    void findsTheToneOrSaysItIsNotThere() throws IOException {
        Path f = wav(440);
        CliRun yes = CliRun.of("tone", f.toString(), "--hz", "440");
        assertThat(yes.exitCode()).isEqualTo(0);
        assertThat(yes.out()).startsWith("tone 440 Hz detected: 5 of 5 windows (200 ms)").contains("(1.0 s at 8000 Hz)");
        CliRun no = CliRun.of("tone", f.toString(), "--hz", "660");
        assertThat(no.exitCode()).isEqualTo(3);
        assertThat(no.out()).startsWith("tone 660 Hz not detected: 0 of 5 windows");
    }

    @Test
    void badFileAndBadFrequency() throws IOException {
        Path junk = dir.resolve("junk.wav");
        Files.writeString(junk, "not a wav");
        CliRun bad = CliRun.of("tone", junk.toString(), "--hz", "440");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("cannot read");
        CliRun nyquist = CliRun.of("tone", wav(440).toString(), "--hz", "5000");
        assertThat(nyquist.exitCode()).isEqualTo(2);
        assertThat(nyquist.err()).contains("--hz");
    }
}
