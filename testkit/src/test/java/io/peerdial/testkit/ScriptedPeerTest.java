package io.peerdial.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.testkit.fakes.PingPongCore;
import io.peerdial.testkit.fakes.PingPongCore.Received;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScriptedPeerTest {

    @Test
    void answersWithItsScriptAndRecordsWhatItGot() {
        InMemoryNetwork net = InMemoryNetwork.builder().seed(2).latency(LatencyModel.constant(15)).build();
        var core = net.add(net.nextAddress(), new PingPongCore());
        var liar = net.add(net.nextAddress(), new ScriptedPeer((now, from, request) ->
                ("LIE at " + now).getBytes(StandardCharsets.UTF_8)));
        var hole = net.add(net.nextAddress(), ScriptedPeer.silent());

        int sent = net.call(core, (c, now) -> {
            c.ping(now, liar.address(), 1);
            c.ping(now, hole.address(), 2);
            return 2;
        });
        net.runFor(100);

        assertThat(sent).isEqualTo(2);
        assertThat(core.takeEvents()).containsExactly(new Received(30, liar.address(), "LIE at 15"));
        ScriptedPeer.Received got = liar.pollEvent();
        assertThat(got.at()).isEqualTo(15);
        assertThat(got.from()).isEqualTo(core.address());
        assertThat(new String(got.payload(), StandardCharsets.UTF_8)).isEqualTo("PING 1");
        assertThat(hole.eventCount()).isEqualTo(1);
        assertThat(hole.datagramsOut()).isZero();

        net.invoke(hole, (peer, now) -> peer.send(core.address(), "unprompted".getBytes(StandardCharsets.UTF_8)));
        net.runFor(100);
        assertThat(core.takeEvents()).extracting(Received::text).containsExactly("unprompted");
    }

    @Test
    void canBeDrivenByHandWithARecordingTransport() {
        ScriptedPeer peer = new ScriptedPeer((now, from, request) -> new byte[] {(byte) request.length});
        RecordingTransport out = new RecordingTransport();
        var from = VirtualAddresses.spread(3);
        peer.handleDatagram(7, from, new byte[5]);
        out.drain(peer);
        assertThat(out.takeNextTo(from)).containsExactly(5);
        out.assertNothingSent();
    }
}
