package io.peerdial.node.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.peerdial.node.demo.Demo;
import io.peerdial.node.demo.DemoResult;
import io.peerdial.node.demo.SetupReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code peerdial demo} (the README's first command): an embedded overlay on loopback, two softphones
 * on their own nodes, a call with ICE between the nodes, a tone and DTMF checked at the far end
 * ({@link Demo}). Prints one {@code demo ok: ...} line, or {@code demo failed: ...} and exits 1.
 */
@Command(name = "demo", description = "Runs an embedded overlay on 127.0.0.1 and a call between two softphones "
        + "(alice calls bob, plays a tone and sends DTMF; bob's recording is checked).",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.L_OK, ExitCodes.L_FAILURE, ExitCodes.L_USAGE})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "4",
            description = "Overlay nodes besides alice's and bob's (1..32, default ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--tone", paramLabel = "HZ", defaultValue = "440", description = "Alice's tone (100..3400 Hz, default ${DEFAULT-VALUE}).")
    int tone;

    @Option(names = "--dtmf", paramLabel = "DIGITS", defaultValue = "1234#", description = "Digits alice sends (default ${DEFAULT-VALUE}).")
    String digits;

    @Option(names = "--calls", paramLabel = "N", defaultValue = "1",
            description = "Calls alice makes in sequence (1..10000, default ${DEFAULT-VALUE}): the first is the checked demo call, "
                    + "the others only time their setup; prints the first call's split and p50/p99 of the others.")
    int calls;

    @Option(names = "--steps", description = "Print each step and the timings on stderr.")
    boolean steps;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Demo.Settings settings;
        try {
            settings = new Demo.Settings(nodes, tone, digits, 1_500, calls);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        quietLogs();
        long start = System.nanoTime();
        try {
            DemoResult r = Demo.run(settings, step -> {
                if (steps) {
                    err.println("demo: " + step);
                    err.flush();
                }
            });
            out.println(r.line());
            if (calls > 1) SetupReport.lines(r.calls()).forEach(out::println);
            if (steps) {
                err.printf("demo: lookup %d ms, answer to ICE completion %d ms, %.1f s in all%n", r.lookupMs(), r.iceMs(),
                        (System.nanoTime() - start) / 1e9);
            }
            out.flush();
            return ExitCodes.OK;
        } catch (Demo.DemoFailure e) {
            out.println("demo failed: " + e.getMessage());
        } catch (Exception e) {
            out.println("demo failed: " + e);
        }
        out.flush();
        return ExitCodes.FAILURE;
    }

    /** The demo's output is its one line: the components' INFO/WARN chatter goes, unless -v/-q chose a level. */
    private static void quietLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            if (root.getLevel() == Level.INFO) root.setLevel(Level.ERROR);
        }
    }
}
