package io.peerdial.node.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerdial.node.cli.PeerdialCli;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code peerdial node} OS processes on loopback: the second bootstraps from the first, and
 * both must report a contact on {@code /status} within 20 s; SIGTERM must stop each one cleanly.
 */
@Tag("process")
class TwoProcessNodeTest {

    private static final Duration CONVERGE = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    @Test
    void secondNodeJoinsThroughTheFirst() throws Exception {
        int udpA = freeUdpPort();
        int udpB = freeUdpPort();
        int controlA = freeTcpPort();
        int controlB = freeTcpPort();
        List<Process> processes = new ArrayList<>();
        try {
            Process a = startNode("a", "--listen", "127.0.0.1:" + udpA, "--control", "127.0.0.1:" + controlA, "--sip", "127.0.0.1:0");
            processes.add(a);
            awaitStatus(controlA, a, 0);
            Process b = startNode("b", "--listen", "127.0.0.1:" + udpB, "--control", "127.0.0.1:" + controlB, "--sip", "127.0.0.1:0",
                    "--bootstrap", "127.0.0.1:" + udpA);
            processes.add(b);

            JsonNode statusB = awaitStatus(controlB, b, 1);
            JsonNode statusA = awaitStatus(controlA, a, 1);
            assertThat(statusA.get("nodeId").asText()).matches("[0-9a-f]{40}").isNotEqualTo(statusB.get("nodeId").asText());

            for (Process p : processes) {
                p.destroy(); // SIGTERM: the shutdown hook closes the node
                assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
            }
            assertThat(Files.readString(tmp.resolve("a.log"))).contains("listening on 127.0.0.1:" + udpA);
        } finally {
            for (Process p : processes) {
                p.destroy();
                if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private Process startNode(String name, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=logback.xml", // the CLI's INFO config, not the tests' WARN one
                PeerdialCli.class.getName(), "node", "--data", tmp.resolve(name).toString()));
        command.addAll(List.of(options));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve(name + ".log").toFile())
                .start();
    }

    /** Polls {@code /status} until {@code overlay.contacts >= minContacts}; fails with the node's log otherwise. */
    private JsonNode awaitStatus(int controlPort, Process process, int minContacts) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort + "/status"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    last = new ObjectMapper().readTree(r.body());
                    if (last.at("/overlay/contacts").asInt() >= minContacts) return last;
                }
            } catch (IOException notUpYet) {
                // the process is still starting
            }
            Thread.sleep(200); // polling a separate OS process: there is no event to wait on
        }
        throw new AssertionError("node on control port " + controlPort + " did not reach " + minContacts
                + " contact(s); alive=" + process.isAlive() + ", last status=" + last + ", logs:\n" + logs());
    }

    private String logs() throws IOException {
        StringBuilder s = new StringBuilder();
        try (var files = Files.list(tmp)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                s.append("--- ").append(p.getFileName()).append('\n').append(Files.readString(p));
            }
        }
        return s.toString();
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
