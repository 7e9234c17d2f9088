package io.peerdial.node.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerdial.node.control.StatusJson;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code peerdial node --overlay-transport tcp} on loopback (docs/PROTOCOL.md "Datagrams over TCP"). */
class OverlayTransportDaemonTest {

    @TempDir
    Path tmp;

    @Test
    void aNodeOverTcpJoinsAUdpNodeAndItsStatusSaysSo() throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (NodeDaemon seed = NodeDaemon.start(new NodeDaemon.Settings(any, List.of(), tmp.resolve("a"), any, Role.SUPER));
             NodeDaemon blocked = NodeDaemon.start(new NodeDaemon.Settings(any, List.of(seed.runtime().localAddress()),
                     tmp.resolve("b"), any, Role.AUTO, io.peerdial.location.trust.TrustAnchors.none(), null,
                     io.peerdial.node.sip.transport.SipService.SourceLimit.DEFAULT,
                     io.peerdial.node.sip.transport.SipService.SourceLimit.DEFAULT, io.peerdial.node.sip.ServedAors.ANY)
                     .withOverlayTransport(OverlayTransport.TCP))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            NodeSnapshot s = blocked.snapshot().get(5, TimeUnit.SECONDS);
            while (s.overlay().contacts() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                s = blocked.snapshot().get(5, TimeUnit.SECONDS);
            }
            assertThat(s.overlay().contacts()).isEqualTo(1);
            assertThat(s.overlayTransport()).isEqualTo("tcp");
            assertThat(s.reachability()).isEqualTo("UDP_BLOCKED");
            assertThat(s.role()).isEqualTo("client");
            JsonNode json = new ObjectMapper().readTree(StatusJson.toJson(s));
            assertThat(json.get("overlay").get("transport").asText()).isEqualTo("tcp");
            assertThat(json.get("runtime").get("tcp_frames_out").asLong()).isEqualTo(json.get("runtime").get("datagrams_out").asLong())
                    .isPositive();

            NodeSnapshot seedStatus = seed.snapshot().get(5, TimeUnit.SECONDS);
            assertThat(seedStatus.overlayTransport()).isEqualTo("udp");
            assertThat(seedStatus.overlay().contacts()).as("a DHT client is never in a routing table").isZero();
            assertThat(seedStatus.runtime().tcpFramesIn()).isPositive();
        }
    }
}
