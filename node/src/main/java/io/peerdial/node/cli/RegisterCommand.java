package io.peerdial.node.cli;

import io.peerdial.location.binding.Aor;
import io.peerdial.node.control.BindingRequest;
import io.peerdial.node.daemon.HostPort;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "register",
        description = "Publishes a binding of AOR on a running node (POST /bindings on its control endpoint): signed by the "
                + "node's user key, stored on the k closest nodes, refreshed while the node runs. Prints the binding as JSON.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.L_OK, ExitCodes.L_FAILURE, ExitCodes.L_USAGE})
final class RegisterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "AOR", converter = Converters.AorConverter.class,
            description = "Address of record, e.g. sip:alice@example.org.")
    Aor aor;

    @Option(names = "--control", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7071",
            converter = Converters.HostPortConverter.class, description = "The node's control endpoint (default: ${DEFAULT-VALUE}).")
    InetSocketAddress control;

    @Option(names = "--contact", paramLabel = "HOST:PORT", converter = Converters.HostPortConverter.class,
            description = "Where the device is reached (repeatable, at most 8; default: the node's overlay address).")
    List<InetSocketAddress> contacts = new ArrayList<>();

    @Option(names = "--expires", paramLabel = "SECONDS", defaultValue = "600",
            description = "Lifetime of each signed copy, 1..3600 (default: ${DEFAULT-VALUE}); refreshed before it ends.")
    long expires;

    @Option(names = "--certificate", paramLabel = "HEX", description = "A domain certificate of the user key (`peerdial domain certify`).")
    String certificate;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (expires < 1 || expires > 3600) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--expires': expected 1..3600 seconds, got " + expires);
        }
        if (contacts.size() > 8) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--contact': at most 8 contacts, got " + contacts.size());
        }
        byte[] cert = new byte[0];
        if (certificate != null) {
            try {
                cert = HexFormat.of().parseHex(certificate);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--certificate': expected hex digits");
            }
        }
        String body = new BindingRequest(aor, contacts, Duration.ofSeconds(expires), cert).toForm();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + HostPort.format(control) + "/bindings"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CliFailure(ExitCodes.FAILURE, "no node answering on " + HostPort.format(control) + " (is `peerdial node` running?)");
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.FAILURE, "control endpoint " + HostPort.format(control) + ": " + e);
        }
        if (response.statusCode() != 200) {
            throw new CliFailure(ExitCodes.FAILURE, "register failed (HTTP " + response.statusCode() + "): " + response.body().strip());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(response.body());
        out.flush();
        return ExitCodes.OK;
    }
}
