package io.peerdial.node.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * The interactive softphone's command line. On a terminal it is a JLine line editor (cursor keys,
 * history, Ctrl-R search, Tab completion of the command words) and events are printed above the
 * prompt so they never break the line being typed; with stdin from a pipe or file (scripts, tests)
 * it reads plain lines. Either way {@link #readLine} returns null at the end of input (Ctrl-D, and
 * Ctrl-C on a terminal, which the phone takes as {@code quit}).
 */
abstract sealed class PhoneConsole implements AutoCloseable {

    /** The words the phone understands, for completion. */
    static final List<String> COMMANDS =
            List.of("call", "answer", "reject", "hangup", "hold", "resume", "dtmf", "calls", "status", "help", "quit");

    private static final String PROMPT = "phone> ";

    /** The line editor when stdin and stdout are a terminal, else plain lines from stdin. */
    static PhoneConsole open(PrintWriter out) throws IOException {
        if (System.console() == null) return new Plain(System.in, out);
        return new Editing(TerminalBuilder.builder().system(true).build());
    }

    /** A line editor on given streams, as an xterm would drive it: what tests use. */
    static PhoneConsole editing(InputStream in, OutputStream out) throws IOException {
        return new Editing(new ExternalTerminal("test", "xterm", in, out, StandardCharsets.UTF_8));
    }

    /** The next command line, or null at the end of input. */
    abstract String readLine();

    /** Prints one line of output or one event. Safe from any thread. */
    abstract void println(String line);

    @Override
    public abstract void close();

    static final class Plain extends PhoneConsole {
        private final BufferedReader in;
        private final PrintWriter out;

        Plain(InputStream in, PrintWriter out) {
            this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            this.out = out;
        }

        @Override
        String readLine() {
            try {
                return in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        void println(String line) {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        }

        @Override
        public void close() {
            out.flush();
        }
    }

    static final class Editing extends PhoneConsole {
        private final Terminal terminal;
        private final LineReader reader;

        Editing(Terminal terminal) {
            this.terminal = terminal;
            this.reader = LineReaderBuilder.builder().terminal(terminal).appName("peerdial phone")
                    .completer(new StringsCompleter(COMMANDS))
                    .variable(LineReader.HISTORY_SIZE, 500)
                    .build();
        }

        @Override
        String readLine() {
            try {
                return reader.readLine(PROMPT);
            } catch (EndOfFileException | UserInterruptException e) {
                return null;
            }
        }

        @Override
        void println(String line) {
            reader.printAbove(line); // redraws the prompt and the half-typed line below the event
        }

        @Override
        public void close() {
            try {
                terminal.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
