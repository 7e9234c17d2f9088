package io.peerdial.node.cli;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.runtime.IdentityStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "id", description = "Creates or shows the node identity (Ed25519) and its NodeId, and the user key that signs bindings.",
        subcommands = {IdCommand.New.class, IdCommand.Show.class},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.L_OK, ExitCodes.L_FAILURE, ExitCodes.L_USAGE, ExitCodes.L_NOT_FOUND})
final class IdCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: expected one of new, show");
    }

    static final class DataDir {
        @Option(names = "--data", paramLabel = "DIR", description = "Data directory holding the identity (default: ~/.peerdial).")
        Path data;

        IdentityStore store() {
            return new IdentityStore(data != null ? data : IdentityStore.defaultDir());
        }
    }

    @Command(name = "new", description = "Creates a new identity; refuses to replace an existing one without --force.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.L_OK, ExitCodes.L_FAILURE, ExitCodes.L_USAGE})
    static final class New implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        DataDir dataDir = new DataDir();

        @Option(names = "--force", description = "Replace an existing identity (the NodeId changes).")
        boolean force;

        @Override
        public Integer call() throws IOException {
            IdentityStore store = dataDir.store();
            if (!force && Files.exists(store.nodeKeyPath())) {
                throw new CliFailure(ExitCodes.FAILURE, "an identity already exists in " + store.nodeKeyPath()
                        + "; use --force to replace it (the NodeId changes)");
            }
            NodeKeyPair keys = store.createNode(new SecureRandom(), force);
            NodeKeyPair user = store.loadOrCreateUser(new SecureRandom()); // kept across --force: it owns the bindings
            print(spec.commandLine().getOut(), keys, store.nodeKeyPath());
            printUser(spec.commandLine().getOut(), Optional.of(user), store.userKeyPath());
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "Shows the identity: NodeId, public key and key file.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.L_OK, ExitCodes.L_FAILURE, ExitCodes.L_USAGE, "3:no identity yet (create one with `peerdial id new`)"})
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        DataDir dataDir = new DataDir();

        @Override
        public Integer call() throws IOException {
            IdentityStore store = dataDir.store();
            Optional<NodeKeyPair> keys = store.loadNode();
            if (keys.isEmpty()) {
                throw new CliFailure(ExitCodes.NOT_FOUND, "no identity in " + store.dir()
                        + "; create one with `peerdial id new" + (dataDir.data != null ? " --data " + dataDir.data : "") + "`");
            }
            print(spec.commandLine().getOut(), keys.get(), store.nodeKeyPath());
            printUser(spec.commandLine().getOut(), store.loadUser(), store.userKeyPath());
            return ExitCodes.OK;
        }
    }

    static void printUser(PrintWriter out, Optional<NodeKeyPair> user, Path file) {
        if (user.isEmpty()) {
            out.println("userKey:   none yet (created by `peerdial id new` or the first `peerdial node`)");
        } else {
            OwnerKey owner = OwnerKey.of(user.get());
            out.println("userKey:   " + owner.toHex());
            out.println("userFingerprint: " + owner.fingerprint() + " (self-certifying AORs: sip:NAME@" + owner.fingerprint()
                    + "." + Aor.SELF_CERTIFYING_TLD + ")");
            out.println("userFile:  " + file);
        }
        out.flush();
    }

    static void print(PrintWriter out, NodeKeyPair keys, Path file) {
        out.println("nodeId:    " + keys.nodeId().toHex());
        out.println("publicKey: " + HexFormat.of().formatHex(keys.publicKey()));
        out.println("file:      " + file);
        out.flush();
    }
}
