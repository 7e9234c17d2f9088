package io.peerdial.node.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerdial.node.daemon.NodeSnapshot;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.kademlia.OverlayStatus;
import io.peerdial.overlay.runtime.UdpRuntime;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The control endpoint over real loopback HTTP, fed by a UDP runtime with a fake core. */
class ControlServerTest {

    private static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final Pattern SAMPLE =
            Pattern.compile("^peerdial_[a-z0-9_]+(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*})? -?[0-9]+(\\.[0-9]+)?$");

    private final PeerCountingCore core = new PeerCountingCore();
    private final NodeKeyPair identity = NodeKeyPair.generate(new SplittableRandom(7));
    private final HttpClient http = HttpClient.newHttpClient();
    private UdpRuntime<Void> runtime;
    private ControlServer control;

    @BeforeEach
    void start() throws IOException {
        runtime = UdpRuntime.start(LOOPBACK_ANY_PORT, core, e -> {});
        control = ControlServer.start(LOOPBACK_ANY_PORT, () -> runtime.submit(now -> new NodeSnapshot(
                new OverlayStatus(identity.nodeId(), false, core.senders.size(), 2, 0, io.peerdial.overlay.nat.Reachability.UNKNOWN,
                        Map.of("messages.in", core.datagrams, "bad-datagram.TRUNCATED", 0L)),
                runtime.stats(), runtime.localAddress(), "peer", "UNKNOWN")));
    }

    @AfterEach
    void stop() {
        control.close();
        runtime.close();
    }

    @Test
    void statusHasTheContractKeysWithLiveValues() throws Exception {
        sendDatagrams(3);
        JsonNode status = new ObjectMapper().readTree(get("/status").body());
        assertThat(status.get("nodeId").asText()).matches("[0-9a-f]{40}").isEqualTo(identity.nodeId().toHex());
        assertThat(status.get("reachability").asText()).isEqualTo("UNKNOWN");
        assertThat(status.get("role").asText()).isEqualTo("peer");
        assertThat(status.at("/overlay/contacts").asInt()).isEqualTo(1); // one sender
        assertThat(status.at("/storage/values").asInt()).isEqualTo(2);
        for (String key : new String[] {"/sip/registrations", "/sip/activeCalls", "/relay/allocations", "/relay/bytesRelayed"}) {
            assertThat(status.at(key).isNumber()).as(key).isTrue();
        }
        assertThat(status.at("/counters/messages.in").asLong()).isEqualTo(3);
        assertThat(status.at("/runtime/datagrams_in").asLong()).isEqualTo(3);
        assertThat(status.get("listen").asText()).isEqualTo("127.0.0.1:" + runtime.localAddress().getPort());
    }

    @Test
    void metricsAreInThePrometheusTextFormat() throws Exception {
        sendDatagrams(2);
        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(PrometheusText.CONTENT_TYPE);
        String body = response.body();
        assertThat(body).endsWith("\n");
        String typed = null;
        for (String line : body.split("\n")) {
            if (line.startsWith("# HELP ")) continue;
            if (line.startsWith("# TYPE ")) {
                typed = line.split(" ")[2];
                assertThat(line.split(" ")[3]).isIn("gauge", "counter", "histogram");
                continue;
            }
            assertThat(line).matches(SAMPLE);
            String name = line.substring(0, line.indexOf(line.contains("{") ? '{' : ' '));
            assertThat(name).as("sample preceded by its TYPE line").isIn(typed, typed + "_bucket", typed + "_sum", typed + "_count");
        }
        assertThat(body).contains("\npeerdial_overlay_contacts 1\n", "\npeerdial_storage_values 2\n",
                "\npeerdial_messages_in_total 2\n", "\npeerdial_bad_datagram_truncated_total 0\n",
                "\npeerdial_runtime_datagrams_in_total 2\n");
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        assertThat(get("/nothing").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/status"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void aNodeThatDoesNotAnswerGives503() throws Exception {
        runtime.close(); // snapshots now fail: the runtime is closed
        assertThat(get("/status").statusCode()).isEqualTo(503);
    }

    @Test
    void refusesANonLoopbackAddress() {
        assertThatThrownBy(() -> ControlServer.start(new InetSocketAddress("0.0.0.0", 0), () -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback-only");
    }

    @Test
    void closeIsIdempotent() {
        control.close();
        control.close();
    }

    private void sendDatagrams(int n) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(LOOPBACK_ANY_PORT)) {
            for (int i = 0; i < n; i++) socket.send(new DatagramPacket(new byte[] {1}, 1, runtime.localAddress()));
        }
        // the loop handles datagrams in order with tasks: wait until it has seen them all
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (runtime.submit(now -> core.datagrams).get(5, TimeUnit.SECONDS) < n && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + control.address().getPort() + path);
    }
}
