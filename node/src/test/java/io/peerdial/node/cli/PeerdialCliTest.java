package io.peerdial.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerdial.node.control.ControlServer;
import io.peerdial.node.daemon.NodeSnapshot;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.kademlia.OverlayStatus;
import io.peerdial.overlay.runtime.RuntimeStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line run in-process: parsing, usage errors, exit codes, output. */
class PeerdialCliTest {

    @TempDir
    Path tmp;

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void helpListsExactlyTheCommandsAndTheExitCodes() {
        assertThat(PeerdialCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .getSubcommands().keySet()).containsExactly("node", "status", "id", "lookup", "register", "domain", "pin",
                        "relay", "sim", "demo", "phone", "tone");
        CliRun r = run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Commands:", "node", "status", "id", "demo", "Exit codes:", "2   usage error");
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "status", "id", "id new", "id show", "demo", "lookup", "register", "domain", "domain new",
            "domain certify", "pin", "pin list", "pin add", "pin remove", "phone", "tone"})
    void everyCommandHasHelp(String command) {
        String[] args = (command + " --help").split(" ");
        CliRun r = run(args);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Usage: peerdial " + command).contains("Exit codes:");
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun r = run();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Missing command: expected one of node, status, id, lookup, register, domain, pin, relay, sim, demo");
    }

    @Test
    void unknownOptionIsAUsageErrorNamingIt() {
        CliRun r = run("node", "--listen", "127.0.0.1:0", "--bogus");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--bogus").contains("peerdial node --help");
    }

    @Test
    void nodeNeedsListen() {
        CliRun r = run("node");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--listen");
    }

    @Test
    void badAddressIsAUsageErrorNamingTheOptionAndTheFormat() {
        CliRun r = run("node", "--listen", "nonsense");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("'--listen'").contains("expected HOST:PORT");
        CliRun b = run("node", "--listen", "127.0.0.1:0", "--bootstrap", "127.0.0.1:99999");
        assertThat(b.exitCode()).isEqualTo(2);
        assertThat(b.err()).contains("'--bootstrap'").contains("0..65535");
    }

    @Test
    void badRoleIsAUsageErrorListingTheValidOnes() {
        CliRun r = run("node", "--listen", "127.0.0.1:0", "--role", "boss");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("'--role'").contains("auto, super, client");
    }

    @Test
    void badOverlayTransportIsAUsageErrorListingTheValidOnes() {
        CliRun r = run("node", "--listen", "127.0.0.1:0", "--overlay-transport", "sctp");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("'--overlay-transport'").contains("auto, udp, tcp").contains("'sctp'");
    }

    @Test
    void badSipRateLimitsAreUsageErrorsNamingTheOption() {
        CliRun zero = run("node", "--listen", "127.0.0.1:0", "--data", tmp.toString(), "--sip-phone-rate", "0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("'--sip-phone-rate'").contains("> 0");
        CliRun burst = run("node", "--listen", "127.0.0.1:0", "--data", tmp.toString(), "--sip-node-burst", "0.5");
        assertThat(burst.exitCode()).isEqualTo(2);
        assertThat(burst.err()).contains("'--sip-node-burst'").contains(">= 1");
        CliRun text = run("node", "--listen", "127.0.0.1:0", "--data", tmp.toString(), "--sip-node-rate", "fast");
        assertThat(text.exitCode()).isEqualTo(2);
        assertThat(text.err()).contains("--sip-node-rate");
    }

    @Test
    void nonLoopbackControlIsRefused() {
        CliRun r = run("node", "--listen", "127.0.0.1:0", "--data", tmp.toString(), "--control", "192.0.2.1:7071");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--control").contains("loopback-only");
        assertThat(tmp.resolve("node.key")).doesNotExist(); // refused before anything was done
    }

    @Test
    void portInUseIsARuntimeFailureNamingTheAddress() throws IOException {
        try (DatagramChannel taken = DatagramChannel.open()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) taken.getLocalAddress()).getPort();
            CliRun r = run("node", "--listen", "127.0.0.1:" + port, "--data", tmp.toString(), "--control", "127.0.0.1:0");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err().strip()).isEqualTo("peerdial: address already in use: 127.0.0.1:" + port);
        }
    }

    @Test
    void unusableDataDirectoryIsARuntimeFailureNamingIt() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        CliRun r = run("node", "--listen", "127.0.0.1:0", "--data", file.toString(), "--control", "127.0.0.1:0");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(file.toString());
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void statusWithNoNodeSaysSo() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliRun r = run("status", "--control", "127.0.0.1:" + port);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("peerdial: no node answering on 127.0.0.1:" + port);
    }

    @Test
    void statusPrintsTheNodesJson() throws Exception {
        NodeKeyPair keys = NodeKeyPair.generate(new SplittableRandom(9));
        NodeSnapshot snapshot = new NodeSnapshot(new OverlayStatus(keys.nodeId(), false, 4, 1, 0, io.peerdial.overlay.nat.Reachability.UNKNOWN, Map.of()),
                new RuntimeStats(0, 0, 0, 0, 0, 0, 0, 0, 0), new InetSocketAddress("127.0.0.1", 7070), "peer", "UNKNOWN");
        try (ControlServer control = ControlServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                () -> CompletableFuture.completedFuture(snapshot))) {
            CliRun r = run("status", "--control", "127.0.0.1:" + control.address().getPort());
            assertThat(r.exitCode()).isZero();
            var json = new ObjectMapper().readTree(r.out());
            assertThat(json.get("nodeId").asText()).isEqualTo(keys.nodeId().toHex());
            assertThat(json.at("/overlay/contacts").asInt()).isEqualTo(4);
            assertThat(r.out()).contains("\n  \"nodeId\""); // pretty-printed
        }
    }

    @Test
    void idNewThenShowGiveTheSameIdentity() {
        CliRun created = run("id", "new", "--data", tmp.toString());
        assertThat(created.exitCode()).isZero();
        assertThat(created.out()).containsPattern("nodeId: +[0-9a-f]{40}\n").containsPattern("publicKey: +[0-9a-f]{64}\n")
                .contains("file:      " + tmp.resolve("node.key"));
        CliRun shown = run("id", "show", "--data", tmp.toString());
        assertThat(shown.exitCode()).isZero();
        assertThat(shown.out()).isEqualTo(created.out());
    }

    @Test
    void idNewRefusesToReplaceWithoutForce() {
        String first = run("id", "new", "--data", tmp.toString()).out();
        CliRun again = run("id", "new", "--data", tmp.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already exists").contains("--force");
        assertThat(run("id", "show", "--data", tmp.toString()).out()).isEqualTo(first);
        CliRun forced = run("id", "new", "--force", "--data", tmp.toString());
        assertThat(forced.exitCode()).isZero();
        assertThat(forced.out()).isNotEqualTo(first);
    }

    @Test
    void idShowWithoutIdentityIsNotFoundWithAHint() {
        CliRun r = run("id", "show", "--data", tmp.resolve("empty").toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("no identity in").contains("peerdial id new");
    }

    @Test
    void idWithoutSubcommandOrWithAMalformedKeyFails() throws IOException {
        assertThat(run("id").exitCode()).isEqualTo(2);
        Files.writeString(tmp.resolve("node.key"), "garbage");
        CliRun r = run("id", "show", "--data", tmp.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("malformed").contains(tmp.resolve("node.key").toString());
    }

    /** The README's first command, for real: an overlay, two phones, ICE, a tone and DTMF checked at bob. */
    @Test
    void demoRunsACallAndChecksWhatBobReceived() {
        CliRun r = run("demo");
        assertThat(r.out()).startsWith("demo ok: setup ").contains("ICE pair host/host").contains("tone 440 Hz detected")
                .contains("DTMF 1234#");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void demoNamesABadOption() {
        CliRun r = run("demo", "--nodes", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("overlayNodes 1..32");
    }
}
