package io.peerdial.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.node.daemon.HostPort;
import io.peerdial.node.daemon.NodeDaemon;
import io.peerdial.node.daemon.Role;
import io.peerdial.node.phone.MediaOptions;
import io.peerdial.node.phone.NoMediaEngine;
import io.peerdial.node.phone.PhoneUA;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code peerdial phone --call} against a running node (--node) and an auto-answering phone; exit codes of docs/PHONE.md. */
class PhoneCommandTest {

    @TempDir
    static Path data;
    private static NodeDaemon node;
    private static PhoneUA bob;
    private static String nodeSip;

    @BeforeAll
    static void start() throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        node = NodeDaemon.start(new NodeDaemon.Settings(any, List.of(), data, any, Role.SUPER, TrustAnchors.none(), any));
        nodeSip = HostPort.format(node.sip().phoneAddress());
        bob = PhoneUA.start(new PhoneUA.Settings("sip:bob@cli.example", node.sip().phoneAddress(), InetAddress.getLoopbackAddress(),
                true, MediaOptions.NONE), new NoMediaEngine(), e -> {});
        assertThat(bob.register(600).get(10, TimeUnit.SECONDS)).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (bob != null) bob.close();
        if (node != null) node.close();
    }

    @Test
    void scriptedCallToAnAutoAnsweringPhoneExitsZeroAndSaysThereIsNoMedia() {
        CliRun run = CliRun.of("phone", "--aor", "sip:alice@cli.example", "--node", nodeSip, "--call", "sip:bob@cli.example",
                "--dtmf", "12", "--duration", "0", "--no-media");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("media: none", "call 1 established", "dtmf not sent: media: none");
    }

    @Test
    void scriptedCallWithRtpMediaReportsItsCountersAtTheEnd() {
        CliRun run = CliRun.of("phone", "--aor", "sip:dave@cli.example", "--node", nodeSip, "--call", "sip:bob@cli.example",
                "--play", "tone:440", "--dtmf", "12", "--duration", "1");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("media: rtp", "call 1 established", "media rtp: sent ").doesNotContain("dtmf not sent");
    }

    @Test
    void callToAnUnknownAorExitsNotFound() {
        CliRun run = CliRun.of("phone", "--aor", "sip:carol@cli.example", "--node", nodeSip, "--call", "sip:nobody@cli.example");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(run.out()).contains("call 1 ended: 404");
    }

    @Test
    void badAorIsAUsageError() {
        assertThat(CliRun.of("phone", "--aor", "alice").exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
