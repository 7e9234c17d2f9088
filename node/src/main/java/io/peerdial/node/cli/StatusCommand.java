package io.peerdial.node.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerdial.node.daemon.HostPort;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", description = "Prints the status of the node on this machine as JSON.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.L_OK, ExitCodes.L_FAILURE, ExitCodes.L_USAGE})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--control", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7071",
            converter = Converters.HostPortConverter.class,
            description = "The node's control endpoint (default: ${DEFAULT-VALUE}).")
    InetSocketAddress control;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String where = HostPort.format(control);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + where + "/status"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpTimeoutException e) {
            throw new CliFailure(ExitCodes.FAILURE, "no node answering on " + where);
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.FAILURE, "no node answering on " + where + " (" + e + ")");
        }
        if (response.statusCode() != 200) {
            throw new CliFailure(ExitCodes.FAILURE, "node on " + where + " answered HTTP " + response.statusCode()
                    + ": " + response.body().strip());
        }
        ObjectMapper mapper = new ObjectMapper();
        spec.commandLine().getOut().println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(response.body())));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
