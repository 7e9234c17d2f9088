package io.peerdial.node.cli;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.location.trust.DomainAuthority;
import io.peerdial.location.trust.DomainCertificate;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "domain", description = "Domain certificates: a domain's CA key certifies user keys for its AORs.",
        subcommands = {DomainCommand.New.class, DomainCommand.Certify.class},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.L_OK, ExitCodes.L_FAILURE, ExitCodes.L_USAGE})
final class DomainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: expected one of new, certify");
    }

    static String keyFile(String domain) {
        return "domain-" + domain + ".key";
    }

    static String normalise(CommandSpec spec, String domain) {
        try {
            String host = Aor.parse("x@" + domain).host();
            if (host.contains(":") || host.startsWith("[")) throw new IllegalArgumentException("a domain name, not an address");
            return host;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for parameter 'DOMAIN': " + e.getMessage());
        }
    }

    @Command(name = "new", description = "Creates the CA key of DOMAIN in DIR and prints its trust anchor (the public key).",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.L_OK, ExitCodes.L_FAILURE, ExitCodes.L_USAGE})
    static final class New implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DOMAIN", description = "e.g. example.org")
        String domain;

        @Mixin
        IdCommand.DataDir dataDir = new IdCommand.DataDir();

        @Option(names = "--force", description = "Replace an existing CA key (every certificate it issued stops verifying).")
        boolean force;

        @Override
        public Integer call() throws IOException {
            String d = normalise(spec, domain);
            IdentityStore store = dataDir.store();
            Path file = store.dir().resolve(keyFile(d));
            if (!force && Files.exists(file)) {
                throw new CliFailure(ExitCodes.FAILURE, "a CA key for " + d + " already exists in " + file + "; use --force to replace it");
            }
            NodeKeyPair ca = store.createKey(keyFile(d), new SecureRandom(), force);
            String anchor = OwnerKey.of(ca).toHex();
            PrintWriter out = spec.commandLine().getOut();
            out.println("domain:  " + d);
            out.println("anchor:  " + anchor);
            out.println("file:    " + file);
            out.println("nodes enforce it with: --trust-anchor " + d + "=" + anchor);
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "certify", description = "Certifies a user key for DOMAIN (or for NAME@DOMAIN only) and prints the certificate as hex.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.L_OK, "1:runtime failure (e.g. no CA key for DOMAIN in DIR)", ExitCodes.L_USAGE})
    static final class Certify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DOMAIN", description = "e.g. example.org")
        String domain;

        @Option(names = "--user-key", required = true, paramLabel = "HEX", converter = Converters.OwnerKeyConverter.class,
                description = "The user's public key (64 hex digits, `peerdial id show`).")
        OwnerKey userKey;

        @Option(names = "--name", paramLabel = "USER", description = "Certify only USER@DOMAIN (default: any name of the domain).")
        String name;

        @Option(names = "--valid-days", required = true, paramLabel = "N", description = "Validity from now, 1..3650 days.")
        int validDays;

        @Mixin
        IdCommand.DataDir dataDir = new IdCommand.DataDir();

        @Override
        public Integer call() throws IOException {
            String d = normalise(spec, domain);
            if (validDays < 1 || validDays > 3650) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--valid-days': expected 1..3650, got " + validDays);
            }
            IdentityStore store = dataDir.store();
            Optional<NodeKeyPair> ca = store.loadKey(keyFile(d));
            if (ca.isEmpty()) {
                throw new CliFailure(ExitCodes.FAILURE, "no CA key for " + d + " in " + store.dir() + "; create it with `peerdial domain new " + d + "`");
            }
            DomainAuthority authority = new DomainAuthority(d, ca.get());
            long now = System.currentTimeMillis();
            long until = now + validDays * 86_400_000L;
            DomainCertificate cert;
            try {
                cert = name == null ? authority.certify(userKey, now, until) : authority.certify(userKey, name, now, until);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--name': " + e.getMessage());
            }
            spec.commandLine().getOut().println(HexFormat.of().formatHex(cert.encode()));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
