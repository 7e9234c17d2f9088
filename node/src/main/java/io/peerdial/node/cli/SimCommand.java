package io.peerdial.node.cli;

import io.peerdial.simulator.experiment.Experiment;
import io.peerdial.simulator.experiment.ExperimentException;
import io.peerdial.simulator.io.ExperimentFiles;
import io.peerdial.simulator.runtime.SimRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code peerdial sim run FILE|NAME --out DIR [--seed N] [--set KEY=VALUE]...} (docs/SIMULATOR.md). */
@Command(name = "sim", description = "Runs overlay simulator experiments (docs/SIMULATOR.md).",
        subcommands = {SimCommand.Run.class},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.L_OK, ExitCodes.L_FAILURE, ExitCodes.L_USAGE})
final class SimCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: expected run");
    }

    @Command(name = "run", description = "Runs one experiment; writes DIR/summary.json, CSV series and PNG plots; progress on stderr.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.L_OK, ExitCodes.L_FAILURE, ExitCodes.L_USAGE})
    static final class Run implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE|NAME",
                description = "Experiment file, or a shipped experiment: lookup-scale, churn, nat-mix.")
        String experiment;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the results (created).")
        Path out;

        @Option(names = "--seed", paramLabel = "N", description = "Run seed (same as --set seed=N).")
        Long seed;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Overrides one experiment parameter (repeatable).")
        List<String> sets = new ArrayList<>();

        @Option(names = "--no-plots", description = "Skip the PNG plots.")
        boolean noPlots;

        @Override
        public Integer call() throws IOException {
            Experiment exp;
            try {
                exp = ExperimentFiles.load(experiment);
                for (String s : sets) exp = exp.withAssignment(s);
                if (seed != null) exp = exp.with("seed", Long.toString(seed));
            } catch (ExperimentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            Map<String, Object> summary;
            try {
                summary = SimRunner.run(exp, out, spec.commandLine().getErr(), !noPlots);
            } catch (ExperimentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            Object headline = summary.containsKey("calls") ? summary.get("calls")
                    : summary.get("adversarial") instanceof Map<?, ?> a ? "toleratedFraction90=" + a.get("toleratedFraction90")
                    : summary.get("lookups");
            spec.commandLine().getOut().println("sim done: " + out.resolve("summary.json") + " " + headline);
            return ExitCodes.OK;
        }
    }
}
