package io.peerdial.node.cli;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.io.PinStore;
import io.peerdial.location.runtime.RuntimeOverlayAccess;
import io.peerdial.location.service.Location;
import io.peerdial.location.storage.BindingStoragePolicy;
import io.peerdial.location.trust.PinSet;
import io.peerdial.node.control.BindingJson;
import io.peerdial.node.daemon.HostPort;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.kademlia.OverlayConfig;
import io.peerdial.overlay.kademlia.OverlayNode;
import io.peerdial.overlay.runtime.IdentityStore;
import io.peerdial.overlay.runtime.OverlayRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "lookup",
        description = "Joins the overlay as a short-lived client and prints every verified binding of AOR as a JSON array "
                + "(aor, owner fingerprint, device, contacts, seq, expiresAt, trust: self-certified|domain|pinned|unpinned). "
                + "The first owner seen for a human AOR is pinned in DIR/pins; another key is then refused.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.L_OK, "1:the bootstrap did not answer, or the lookup failed", ExitCodes.L_USAGE,
                "3:no verified binding of AOR"})
final class LookupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "AOR", converter = Converters.AorConverter.class,
            description = "Address of record, e.g. sip:alice@example.org.")
    Aor aor;

    @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", converter = Converters.HostPortConverter.class,
            description = "A node of the overlay to join through.")
    InetSocketAddress bootstrap;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory holding the pins file (default: ~/.peerdial).")
    Path data;

    @Option(names = "--trust-anchor", paramLabel = "DOMAIN=CAKEYHEX", converter = Converters.TrustAnchorConverter.class,
            description = "Accept bindings of DOMAIN only with a certificate from this CA key (repeatable).")
    List<Converters.TrustAnchor> trustAnchors = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Longest wait for the join and for the lookup, each (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (timeoutSeconds < 1 || timeoutSeconds > 600) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--timeout': expected 1..600 seconds, got " + timeoutSeconds);
        }
        PinStore pinStore = new PinStore(data != null ? data : IdentityStore.defaultDir());
        PinSet pins;
        try {
            pins = pinStore.load();
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.FAILURE, "cannot read pins: " + e.getMessage());
        }
        NodeKeyPair identity = NodeKeyPair.generate(new SecureRandom()); // throw-away: a client leaves no trace
        OverlayConfig config = OverlayConfig.defaults().withClient(true);
        try (OverlayRuntime runtime = OverlayRuntime.start(new InetSocketAddress(localFor(bootstrap.getAddress()), 0),
                local -> new OverlayNode(config, identity, new BindingStoragePolicy(), new SecureRandom()), e -> { });
             RuntimeOverlayAccess access = new RuntimeOverlayAccess(runtime)) {
            join(runtime);
            Location location = new Location(access, Converters.TrustAnchor.all(trustAnchors), pins, p -> {
                try {
                    pinStore.save(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Location.Found found = await(location.find(aor), "the lookup of " + aor);
            PrintWriter out = spec.commandLine().getOut();
            out.println(BindingJson.array(found.bindings()));
            out.flush();
            if (found.bindings().isEmpty()) {
                throw new CliFailure(ExitCodes.NOT_FOUND, "no verified binding of " + aor
                        + (found.result().invalidCount() + found.result().untrusted().size() > 0
                        ? " (dropped: invalid " + found.result().invalid() + ", untrusted " + found.result().untrusted() + ")" : ""));
            }
            return ExitCodes.OK;
        }
    }

    /** Joins, then waits until at least one contact proved itself (lookups start from the routing table). */
    private void join(OverlayRuntime runtime) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        String failure = "bootstrap " + HostPort.format(bootstrap) + " did not answer within " + timeoutSeconds + " s";
        try {
            runtime.join(List.of(bootstrap)).get(timeoutSeconds, TimeUnit.SECONDS);
            while (runtime.status().get(timeoutSeconds, TimeUnit.SECONDS).contacts() == 0) {
                if (System.nanoTime() > deadline) throw new CliFailure(ExitCodes.FAILURE, failure);
                Thread.sleep(20);
            }
        } catch (TimeoutException e) {
            throw new CliFailure(ExitCodes.FAILURE, failure);
        } catch (ExecutionException e) {
            throw new CliFailure(ExitCodes.FAILURE, "join failed: " + e.getCause());
        }
    }

    private <T> T await(java.util.concurrent.CompletableFuture<T> f, String what) throws InterruptedException {
        try {
            return f.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new CliFailure(ExitCodes.FAILURE, what + " did not finish within " + timeoutSeconds + " s");
        } catch (ExecutionException e) {
            throw new CliFailure(ExitCodes.FAILURE, what + " failed: " + e.getCause().getMessage());
        }
    }

    /** Loopback for a loopback bootstrap (tests, one machine), else the wildcard of its family. */
    static InetAddress localFor(InetAddress bootstrap) throws IOException {
        boolean v6 = bootstrap instanceof Inet6Address;
        if (bootstrap.isLoopbackAddress()) return InetAddress.getByName(v6 ? "::1" : "127.0.0.1");
        return InetAddress.getByName(v6 ? "::" : "0.0.0.0");
    }
}
