package io.peerdial.node.cli;

import io.peerdial.node.media.audio.ToneCheck;
import io.peerdial.node.media.audio.WavAudio;
import io.peerdial.node.media.audio.WavFile;
import io.peerdial.node.media.audio.WavFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code peerdial tone FILE.wav --hz HZ}: whether a recording (e.g. {@code phone --record}) carries a
 * tone, by the demo's check ({@link ToneCheck}). Prints one line; exits 0 if the tone is there, 3 if not.
 */
@Command(name = "tone", description = "Checks a WAV recording for a tone (Goertzel, 200 ms windows; at least "
        + ToneCheck.MIN_WINDOWS + " must carry it).",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:the tone is in the recording", ExitCodes.L_FAILURE, ExitCodes.L_USAGE, "3:the tone is not in the recording"})
final class ToneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE.wav", description = "16-bit PCM WAV (8, 16 or 48 kHz).")
    Path file;

    @Option(names = "--hz", required = true, paramLabel = "HZ", description = "The tone's frequency.")
    double hz;

    @Override
    public Integer call() {
        WavAudio audio;
        try (InputStream in = Files.newInputStream(file)) {
            audio = WavFile.read(in);
        } catch (IOException | WavFormatException e) {
            throw new CliFailure(ExitCodes.FAILURE, "cannot read " + file + ": " + e.getMessage());
        }
        ToneCheck.Result r;
        try {
            r = ToneCheck.scan(audio, hz);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--hz': " + e.getMessage());
        }
        spec.commandLine().getOut().println(String.format(Locale.ROOT, "tone %.0f Hz %s: %d of %d windows (200 ms) of %s (%.1f s at %d Hz)",
                hz, r.present() ? "detected" : "not detected", r.windowsWithTone(), r.windows(), file,
                (double) audio.frames() / audio.sampleRate(), audio.sampleRate()));
        return r.present() ? ExitCodes.OK : ExitCodes.NOT_FOUND;
    }
}
