package io.peerdial.node.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.OutputStreamWriter;
import java.util.concurrent.Callable;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code peerdial}: the command line. Usage errors exit 2 with the bad option named and what is
 * valid; runtime failures exit 1 with one line on stderr; "not found" exits 3 (CONTRACTS.md).
 * Logs go to stderr (Logback), INFO by default, {@code -v} for DEBUG, {@code -q} for warnings only.
 */
@Command(name = "peerdial",
        description = "Peer-to-peer SIP overlay node: a Kademlia DHT in place of SIP servers.",
        subcommands = {NodeCommand.class, StatusCommand.class, IdCommand.class, LookupCommand.class,
                RegisterCommand.class, DomainCommand.class, PinCommand.class, RelayCommand.class, SimCommand.class,
                DemoCommand.class, PhoneCommand.class, ToneCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.L_OK, ExitCodes.L_FAILURE, ExitCodes.L_USAGE, ExitCodes.L_NOT_FOUND})
public final class PeerdialCli implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(PeerdialCli.class);

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Debug logging.")
    void verbose(boolean on) {
        if (on) setRootLevel(Level.DEBUG);
    }

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Log warnings and errors only.")
    void quiet(boolean on) {
        if (on) setRootLevel(Level.WARN);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "Missing command: expected one of " + String.join(", ", spec.commandLine().getSubcommands().keySet()));
    }

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger(); // ice4j logs through java.util.logging
        SLF4JBridgeHandler.install();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(args, out, err));
    }

    /** Runs the CLI in this JVM, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(out, err).execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new PeerdialCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(e -> e instanceof CliFailure f ? f.exitCode() : ExitCodes.FAILURE);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("peerdial: " + ex.getMessage());
            UnmatchedArgumentException.printSuggestions(ex, c.getErr());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            c.getErr().flush();
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            if (!(ex instanceof CliFailure)) log.debug("command failed", ex);
            String message = ex.getMessage() != null ? ex.getMessage() : ex.toString();
            c.getErr().println("peerdial: " + message);
            c.getErr().flush();
            return ex instanceof CliFailure f ? f.exitCode() : ExitCodes.FAILURE;
        });
        return cl;
    }

    private static void setRootLevel(Level level) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(level);
        }
    }
}
