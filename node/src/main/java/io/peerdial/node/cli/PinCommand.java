package io.peerdial.node.cli;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.location.io.PinStore;
import io.peerdial.location.trust.PinSet;
import io.peerdial.overlay.runtime.IdentityStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "pin", description = "Trust-on-first-use pins (DIR/pins): which owner key is accepted for a human AOR.",
        subcommands = {PinCommand.ListPins.class, PinCommand.Add.class, PinCommand.Remove.class},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.L_OK, ExitCodes.L_FAILURE, ExitCodes.L_USAGE, ExitCodes.L_NOT_FOUND})
final class PinCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: expected one of list, add, remove");
    }

    static PinStore store(IdCommand.DataDir dataDir) {
        return new PinStore(dataDir.data != null ? dataDir.data : IdentityStore.defaultDir());
    }

    static PinSet load(PinStore store) {
        try {
            return store.load();
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.FAILURE, "cannot read pins: " + e.getMessage());
        }
    }

    @Command(name = "list", description = "Prints every pin as 'AOR KEYHEX'.",
            exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.L_OK, ExitCodes.L_FAILURE, ExitCodes.L_USAGE})
    static final class ListPins implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        IdCommand.DataDir dataDir = new IdCommand.DataDir();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (Map.Entry<Aor, OwnerKey> pin : load(store(dataDir)).snapshot().entrySet()) {
                out.println(pin.getKey() + " " + pin.getValue().toHex());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "add", description = "Pins KEYHEX for AOR (replacing any earlier pin).",
            exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.L_OK, ExitCodes.L_FAILURE, ExitCodes.L_USAGE})
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "AOR", converter = Converters.AorConverter.class)
        Aor aor;

        @Parameters(index = "1", paramLabel = "KEYHEX", converter = Converters.OwnerKeyConverter.class,
                description = "The owner's public key, 64 hex digits.")
        OwnerKey key;

        @Mixin
        IdCommand.DataDir dataDir = new IdCommand.DataDir();

        @Override
        public Integer call() throws IOException {
            PinStore store = store(dataDir);
            PinSet pins = load(store);
            pins.pin(aor, key);
            store.save(pins);
            spec.commandLine().getOut().println("pinned " + aor + " to " + key.fingerprint());
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove", description = "Removes the pin of AOR (its next owner seen is pinned again).",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.L_OK, ExitCodes.L_FAILURE, ExitCodes.L_USAGE, "3:AOR was not pinned"})
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "AOR", converter = Converters.AorConverter.class)
        Aor aor;

        @Mixin
        IdCommand.DataDir dataDir = new IdCommand.DataDir();

        @Override
        public Integer call() throws IOException {
            PinStore store = store(dataDir);
            PinSet pins = load(store);
            if (!pins.unpin(aor)) throw new CliFailure(ExitCodes.NOT_FOUND, aor + " is not pinned in " + store.file());
            store.save(pins);
            spec.commandLine().getOut().println("unpinned " + aor);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
