package io.peerdial.node.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The end-to-end demo; it needs the ICE media path, so for now it says so and fails rather than pretend. */
@Command(name = "demo", description = "Starts an embedded overlay and two softphones and checks a call end to end "
        + "(arrives with issue #5).",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.L_OK, ExitCodes.L_FAILURE, ExitCodes.L_USAGE})
final class DemoCommand implements Callable<Integer> {

    static final String NOT_YET = "peerdial demo: the two-softphone demo arrives with issue #5 (ICE media path); nothing was run";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println(NOT_YET);
        spec.commandLine().getErr().flush();
        return ExitCodes.FAILURE;
    }
}
