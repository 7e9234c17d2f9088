package io.peerdial.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.overlay.protocol.Transmit;
import io.peerdial.testkit.fakes.PingPongCore;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordingTransportTest {

    private final InetSocketAddress alice = VirtualAddresses.spread(0);
    private final InetSocketAddress bob = VirtualAddresses.spread(1);
    private final VirtualClock clock = new VirtualClock();
    private final PingPongCore core = new PingPongCore();
    private final RecordingTransport out = new RecordingTransport();

    @Test
    void capturesTheBytesACoreSendsInOrder() {
        core.ping(clock.now(), alice, 1);
        core.ping(clock.now(), bob, 2);
        core.ping(clock.now(), alice, 3);
        assertThat(out.drain(core)).isEqualTo(3);

        assertThat(text(out.takeNextTo(alice))).isEqualTo("PING 1");
        assertThat(text(out.takeNextTo(alice))).isEqualTo("PING 3");
        out.assertNothingSentTo(alice);
        Transmit toBob = out.takeNext();
        assertThat(toBob.destination()).isEqualTo(bob);
        assertThat(text(toBob.payload())).isEqualTo("PING 2");
        out.assertNothingSent();
        assertThat(out.history()).hasSize(3);
    }

    @Test
    void repliesOfAHandDrivenCoreCanBeInspected() {
        core.handleDatagram(clock.advance(10), bob, "PING 7".getBytes(StandardCharsets.UTF_8));
        out.drain(core);
        assertThat(text(out.takeNextTo(bob))).isEqualTo("PONG 7");
        assertThat(core.pollEvent()).isEqualTo(new PingPongCore.Received(10, bob, "PING 7"));
    }

    @Test
    void failedExpectationsAreAssertionErrorsNamingWhatWasPending() {
        assertThatThrownBy(out::takeNext).isInstanceOf(AssertionError.class);
        core.ping(0, bob, 1);
        out.drain(core);
        assertThatThrownBy(() -> out.takeNextTo(alice)).isInstanceOf(AssertionError.class).hasMessageContaining(bob.toString());
        assertThatThrownBy(out::assertNothingSent).isInstanceOf(AssertionError.class).hasMessageContaining("6 bytes");
        assertThatThrownBy(() -> out.assertNothingSentTo(bob)).isInstanceOf(AssertionError.class);
        out.assertNothingSentTo(alice);
    }

    @Test
    void takeAllVariantsEmptyTheQueueButKeepTheHistory() {
        core.ping(0, alice, 1);
        core.ping(0, bob, 2);
        core.ping(0, alice, 3);
        out.drain(core);
        assertThat(out.takeAllTo(alice)).extracting(t -> text(t.payload())).containsExactly("PING 1", "PING 3");
        assertThat(out.pendingCount()).isEqualTo(1);
        assertThat(out.takeAll()).extracting(Transmit::destination).containsExactly(bob);
        assertThat(out.takeAll()).isEmpty();
        out.record(new Transmit(alice, new byte[] {1}));
        out.clearPending();
        out.assertNothingSent();
        assertThat(out.history()).hasSize(4);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
