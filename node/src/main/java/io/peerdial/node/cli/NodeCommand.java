package io.peerdial.node.cli;

import io.peerdial.node.daemon.HostPort;
import io.peerdial.node.daemon.NodeDaemon;
import io.peerdial.node.daemon.Role;
import io.peerdial.node.sip.transport.SipService;
import io.peerdial.overlay.runtime.IdentityStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "node",
        description = "Runs a node until SIGINT/SIGTERM. Without --bootstrap it is the first node of a new overlay.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.L_OK, ExitCodes.L_FAILURE, ExitCodes.L_USAGE})
final class NodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--listen", required = true, paramLabel = "HOST:PORT", converter = Converters.HostPortConverter.class,
            description = "UDP address of the overlay socket.")
    InetSocketAddress listen;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", converter = Converters.HostPortConverter.class,
            description = "A node of the overlay to join through (repeatable).")
    List<InetSocketAddress> bootstrap = new ArrayList<>();

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory holding the identity (default: ~/.peerdial).")
    Path data;

    @Option(names = "--control", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7071",
            converter = Converters.HostPortConverter.class,
            description = "Loopback address of the status/metrics endpoint (default: ${DEFAULT-VALUE}).")
    InetSocketAddress control;

    @Option(names = "--sip", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:5060", converter = Converters.HostPortConverter.class,
            description = "Where local SIP phones register and send calls, UDP and TCP (default: ${DEFAULT-VALUE}; port 0: any free port).")
    InetSocketAddress sip;

    @Option(names = "--role", paramLabel = "ROLE", defaultValue = "auto", converter = Converters.RoleConverter.class,
            description = "auto, super or client (default: ${DEFAULT-VALUE}).")
    Role role;

    @Option(names = "--overlay-transport", paramLabel = "TRANSPORT", defaultValue = "auto",
            converter = Converters.OverlayTransportConverter.class,
            description = "auto, udp or tcp: how overlay datagrams travel; auto moves to TCP when UDP turns out blocked "
                    + "(default: ${DEFAULT-VALUE}).")
    io.peerdial.node.daemon.OverlayTransport overlayTransport;

    @Option(names = "--trust-anchor", paramLabel = "DOMAIN=CAKEYHEX", converter = Converters.TrustAnchorConverter.class,
            description = "A domain's CA public key (from `peerdial domain new`): this node stores and reads bindings of the "
                    + "domain only with a certificate from it (repeatable).")
    List<Converters.TrustAnchor> trustAnchors = new ArrayList<>();

    @picocli.CommandLine.Mixin
    RelayOptionsMixin relayOptions = new RelayOptionsMixin();

    @Option(names = "--serve", paramLabel = "DOMAIN|AOR",
            description = "Publish bindings only for AORs in this domain (example.org) or this AOR (sip:alice@example.org); "
                    + "repeatable; REGISTER for any other AOR gets 403. Default: every AOR local phones register.")
    List<String> served = new ArrayList<>();

    @Option(names = "--sip-phone-rate", paramLabel = "PER_SECOND", defaultValue = "5000",
            description = "SIP requests per second one source IP may send to the phone face; beyond it: 503 (default: ${DEFAULT-VALUE}).")
    double sipPhoneRate;

    @Option(names = "--sip-phone-burst", paramLabel = "REQUESTS", defaultValue = "5000",
            description = "SIP requests one source IP may send to the phone face at once (default: ${DEFAULT-VALUE}).")
    double sipPhoneBurst;

    @Option(names = "--sip-node-rate", paramLabel = "PER_SECOND", defaultValue = "5000",
            description = "SIP requests per second one source IP may send to the node face (other nodes); beyond it: 503 "
                    + "(default: ${DEFAULT-VALUE}).")
    double sipNodeRate;

    @Option(names = "--sip-node-burst", paramLabel = "REQUESTS", defaultValue = "5000",
            description = "SIP requests one source IP may send to the node face at once (default: ${DEFAULT-VALUE}).")
    double sipNodeBurst;

    private SipService.SourceLimit limit(String rateOption, double rate, String burstOption, double burst) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '" + rateOption
                    + "': requests per second must be a number > 0, got " + rate);
        }
        if (!(burst >= 1) || Double.isInfinite(burst)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '" + burstOption
                    + "': a burst must be a number >= 1, got " + burst);
        }
        return new SipService.SourceLimit(rate, burst);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!control.getAddress().isLoopbackAddress()) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--control': the control endpoint is "
                    + "loopback-only (e.g. 127.0.0.1:7071 or [::1]:7071), got " + HostPort.format(control));
        }
        Path dataDir = data != null ? data : IdentityStore.defaultDir();
        SipService.SourceLimit phoneLimit = limit("--sip-phone-rate", sipPhoneRate, "--sip-phone-burst", sipPhoneBurst);
        SipService.SourceLimit nodeLimit = limit("--sip-node-rate", sipNodeRate, "--sip-node-burst", sipNodeBurst);
        io.peerdial.node.sip.ServedAors servedAors;
        try {
            servedAors = io.peerdial.node.sip.ServedAors.of(served);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--serve': " + e.getMessage());
        }
        NodeDaemon daemon = NodeDaemon.start(new NodeDaemon.Settings(listen, bootstrap, dataDir, control, role,
                Converters.TrustAnchor.all(trustAnchors), sip,
                phoneLimit, nodeLimit, servedAors).withOverlayTransport(overlayTransport), relayOptions.toOptions());
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "peerdial-shutdown"));
        daemon.awaitClosed();
        return ExitCodes.OK;
    }
}
