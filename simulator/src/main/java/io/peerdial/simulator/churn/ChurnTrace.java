package io.peerdial.simulator.churn;

import io.peerdial.simulator.experiment.ExperimentException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Join/leave times per node from a file ({@code churn.model = trace}, {@code churn.trace = FILE}).
 *
 * <p>Format: text, one session per line, {@code node,joinSeconds,leaveSeconds}; {@code #} starts a
 * comment, blank lines are ignored. {@code node} is a label (letters, digits, {@code -_.}); a label
 * may have several sessions (a node that comes back), which must not overlap; each session is a
 * fresh simulated node (new identity and address: the trace says when a machine is online, not
 * which key it keeps). {@code leaveSeconds} empty or {@code -} = stays to the end. Times are
 * simulated seconds from the start of the run, join &lt; leave. At most 10,000,000 lines.
 */
public record ChurnTrace(List<Session> sessions) {

    private static final int MAX_LINES = 10_000_000;

    /** One online period; {@code leaveMs} = {@link Long#MAX_VALUE} when the node never leaves. */
    public record Session(String node, long joinMs, long leaveMs) {}

    public ChurnTrace {
        sessions = List.copyOf(sessions);
    }

    /** Reads a trace from a path, or from a resource shipped with the experiments ({@code traces/NAME}). */
    public static ChurnTrace load(String fileOrResource) {
        try {
            Path p = Path.of(fileOrResource);
            if (Files.isRegularFile(p)) {
                try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                    return parse(r);
                }
            }
            InputStream in = ChurnTrace.class.getResourceAsStream("/experiments/" + fileOrResource);
            if (in == null) throw new ExperimentException("churn.trace", "no trace file '" + fileOrResource + "'");
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return parse(r);
            }
        } catch (IOException e) {
            throw new ExperimentException("churn.trace", "cannot read trace '" + fileOrResource + "': " + e.getMessage());
        }
    }

    public static ChurnTrace parse(Reader in) throws IOException {
        List<Session> out = new ArrayList<>();
        java.util.Map<String, Long> lastLeave = new java.util.HashMap<>();
        BufferedReader r = new BufferedReader(in);
        int lineNo = 0;
        for (String line; (line = r.readLine()) != null; ) {
            if (++lineNo > MAX_LINES) throw bad(lineNo, "more than " + MAX_LINES + " lines");
            int hash = line.indexOf('#');
            String s = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (s.isEmpty()) continue;
            String[] f = s.split(",", -1);
            if (f.length != 3) throw bad(lineNo, "expected node,joinSeconds,leaveSeconds");
            String node = f[0].strip();
            if (!node.matches("[A-Za-z0-9_.-]{1,64}")) throw bad(lineNo, "bad node label '" + node + "'");
            long join = seconds(f[1], lineNo, "joinSeconds");
            String leaveText = f[2].strip();
            long leave = leaveText.isEmpty() || leaveText.equals("-") ? Long.MAX_VALUE : seconds(leaveText, lineNo, "leaveSeconds");
            if (leave <= join) throw bad(lineNo, "leave must be after join");
            Long previous = lastLeave.get(node);
            if (previous != null && join < previous) throw bad(lineNo, "session of '" + node + "' overlaps its previous one");
            lastLeave.put(node, leave);
            out.add(new Session(node, join, leave));
        }
        out.sort(java.util.Comparator.comparingLong(Session::joinMs)); // stable: file order among equal times
        return new ChurnTrace(out);
    }

    private static long seconds(String text, int lineNo, String field) {
        try {
            double v = Double.parseDouble(text.strip());
            if (!(v >= 0 && v <= 1e9)) throw new NumberFormatException();
            return Math.round(v * 1000);
        } catch (NumberFormatException e) {
            throw bad(lineNo, field + " '" + text.strip() + "' is not a number of seconds in [0, 1e9]");
        }
    }

    private static ExperimentException bad(int lineNo, String why) {
        return new ExperimentException("churn.trace", String.format(Locale.ROOT, "trace line %d: %s", lineNo, why));
    }
}
