package io.peerdial.overlay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event loop over real loopback UDP with a fake echo core. */
class UdpRuntimeTest {

    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final EchoCore core = new EchoCore();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private UdpRuntime<String> runtime;
    private DatagramSocket client;

    @BeforeEach
    void start() throws IOException {
        runtime = UdpRuntime.start(ANY_LOOPBACK_PORT, core, events::add);
        client = new DatagramSocket(ANY_LOOPBACK_PORT);
        client.setSoTimeout(5_000);
    }

    @AfterEach
    void stop() {
        client.close();
        runtime.close();
    }

    @Test
    void echoesDatagramsAndDeliversEvents() throws Exception {
        assertThat(roundTrip("hello")).isEqualTo("hello");
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("received:hello");
        assertThat(runtime.stats().datagramsIn()).isEqualTo(1);
        assertThat(runtime.stats().datagramsOut()).isEqualTo(1);
        assertThat(runtime.stats().bytesOut()).isEqualTo(5);
    }

    @Test
    void runsSubmittedTasksOnTheLoopThreadNamedAfterThePort() throws Exception {
        String name = runtime.submit(now -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);
        assertThat(name).isEqualTo("peerdial-node-" + runtime.localAddress().getPort());
    }

    @Test
    void taskExceptionFailsOnlyItsFuture() throws Exception {
        var failed = runtime.submit(now -> { throw new IllegalArgumentException("misuse"); });
        assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(roundTrip("still alive")).isEqualTo("still alive");
    }

    @Test
    void firesTheCoresTimerNotBeforeItsDeadline() throws Exception {
        long armedAt = runtime.submit(now -> { core.armTimer(now + 50); return now + 50; }).get(5, TimeUnit.SECONDS);
        String event = events.poll(5, TimeUnit.SECONDS);
        assertThat(event).startsWith("timer:" + armedAt + ":");
        long firedAt = Long.parseLong(event.substring(event.lastIndexOf(':') + 1));
        assertThat(firedAt).isGreaterThanOrEqualTo(armedAt);
    }

    @Test
    void coreExceptionsAreCountedAndTheLoopGoesOn() throws Exception {
        send("boom");
        assertThat(roundTrip("after")).isEqualTo("after");
        assertThat(runtime.stats().coreErrors()).isEqualTo(1);

        long at = runtime.submit(now -> { core.armFailingTimer(now); return now; }).get(5, TimeUnit.SECONDS);
        // the failed timer is retried: the second call fires it normally
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("received:after");
        assertThat(events.poll(5, TimeUnit.SECONDS)).startsWith("timer:" + at + ":");
        assertThat(runtime.stats().coreErrors()).isEqualTo(2);
    }

    @Test
    void anOversizedTransmitIsCountedAsACoreErrorAndNothingIsSent() throws Exception {
        send("oversize");
        assertThat(roundTrip("after")).isEqualTo("after"); // the first datagram back is the echo of "after"
        runtime.submit(now -> now).get(5, TimeUnit.SECONDS); // a later turn: the counters of that one are final
        assertThat(runtime.stats().coreErrors()).isEqualTo(1);
        assertThat(runtime.stats().datagramsOut()).isEqualTo(1);
    }

    @Test
    void listenerExceptionsAreCountedAndTheLoopGoesOn() throws Exception {
        try (UdpRuntime<String> throwing = UdpRuntime.start(ANY_LOOPBACK_PORT, new EchoCore(),
                e -> { throw new IllegalStateException("listener bug"); })) {
            assertThat(roundTrip(throwing, "one")).isEqualTo("one");
            assertThat(roundTrip(throwing, "two")).isEqualTo("two");
            // The reply goes out before the turn hands out its events; a task submitted now runs in a
            // later turn, so once it has run the listener has seen "two" as well.
            throwing.submit(now -> now).get(5, TimeUnit.SECONDS);
            assertThat(throwing.stats().listenerErrors()).isEqualTo(2);
        }
    }

    @Test
    void closeStopsTheThreadFreesThePortAndIsIdempotent() throws Exception {
        InetSocketAddress address = runtime.localAddress();
        runtime.close();
        runtime.close();
        assertThat(runtime.isRunning()).isFalse();
        assertThatThrownBy(() -> runtime.submit(now -> now).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IllegalStateException.class);
        try (DatagramChannel rebound = DatagramChannel.open()) {
            rebound.bind(address); // the socket was closed
        }
    }

    @Test
    void portInUseFailsBeforeTheCoreIsBuilt() {
        boolean[] built = {false};
        assertThatThrownBy(() -> UdpRuntime.start(runtime.localAddress(), local -> { built[0] = true; return new EchoCore(); }, e -> {}))
                .isInstanceOf(BindException.class);
        assertThat(built[0]).isFalse();
    }

    @Test
    void sixtyFourRuntimesInOneJvm() throws Exception {
        List<UdpRuntime<String>> many = new ArrayList<>();
        try {
            for (int i = 0; i < 64; i++) many.add(UdpRuntime.start(ANY_LOOPBACK_PORT, new EchoCore(), e -> {}));
            for (UdpRuntime<String> r : many) assertThat(roundTrip(r, "ping")).isEqualTo("ping");
        } finally {
            many.forEach(UdpRuntime::close);
        }
        assertThat(many).noneMatch(UdpRuntime::isRunning);
    }

    private String roundTrip(String text) throws IOException {
        return roundTrip(runtime, text);
    }

    private String roundTrip(UdpRuntime<?> target, String text) throws IOException {
        send(target, text);
        DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
        client.receive(reply);
        assertThat(reply.getSocketAddress()).isEqualTo(target.localAddress());
        return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
    }

    private void send(String text) throws IOException {
        send(runtime, text);
    }

    private void send(UdpRuntime<?> target, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        client.send(new DatagramPacket(b, b.length, target.localAddress()));
    }
}
