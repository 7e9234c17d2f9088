package io.peerdial.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.overlay.protocol.DatagramProtocol;
import io.peerdial.overlay.protocol.Transmit;
import io.peerdial.testkit.fakes.GossipCore;
import io.peerdial.testkit.fakes.PingPongCore;
import io.peerdial.testkit.fakes.PingPongCore.Received;
import io.peerdial.testkit.fakes.TimerCore;
import io.peerdial.testkit.fakes.TimerCore.Fired;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kill/revive, bounded runs, interception, scripted actions and API misuse of {@link InMemoryNetwork}. */
class InMemoryNetworkControlTest {

    private final InMemoryNetwork net = InMemoryNetwork.builder().seed(3).latency(LatencyModel.constant(10)).build();

    @Test
    void aKilledNodeReceivesNothingAndItsTimersStopUntilRevived() {
        var alice = net.add(net.nextAddress(), new PingPongCore());
        var bob = net.add(net.nextAddress(), new PingPongCore());
        var clock = net.add(net.nextAddress(), new TimerCore());
        net.invoke(clock, (core, now) -> core.arm(50, "while dead"));

        net.kill(bob);
        net.kill(clock);
        assertThat(bob.isAlive()).isFalse();
        net.invoke(alice, (core, now) -> core.ping(now, bob.address(), 1));
        net.runUntil(200);
        assertThat(bob.eventCount()).isZero();
        assertThat(alice.eventCount()).isZero();
        assertThat(net.stats().datagramsToDead()).isEqualTo(1);
        assertThat(clock.eventCount()).isZero();
        assertThat(clock.nextTimeout()).isEqualTo(DatagramProtocol.NO_TIMEOUT);
        assertThatThrownBy(() -> net.invoke(bob, (core, now) -> core.ping(now, alice.address(), 2)))
                .isInstanceOf(IllegalStateException.class);

        net.revive(bob);
        net.revive(clock);
        net.runFor(0);
        assertThat(clock.takeEvents()).as("overdue deadline fires at revival").containsExactly(new Fired("while dead", 50, 200));
        net.invoke(alice, (core, now) -> core.ping(now, bob.address(), 3));
        net.runFor(100);
        assertThat(bob.takeEvents()).containsExactly(new Received(210, alice.address(), "PING 3"));
        assertThat(alice.takeEvents()).containsExactly(new Received(220, bob.address(), "PONG 3"));
    }

    @Test
    void datagramsToUnknownOrRemovedAddressesAreDroppedAndCounted() {
        var alice = net.add(net.nextAddress(), new PingPongCore());
        var bob = net.add(net.nextAddress(), new PingPongCore());
        InetSocketAddress nobody = VirtualAddresses.inSubnet(1, 1, 9);
        net.invoke(alice, (core, now) -> core.ping(now, nobody, 1));
        net.remove(bob);
        net.invoke(alice, (core, now) -> core.ping(now, bob.address(), 2));
        net.runFor(100);
        assertThat(net.stats().datagramsToUnknown()).isEqualTo(2);
        assertThat(net.node(bob.address())).isNull();
        assertThat(net.nodes()).containsExactly(alice);
        assertThatThrownBy(() -> net.kill(bob)).isInstanceOf(IllegalArgumentException.class);
        var newBob = net.add(bob.address(), new PingPongCore());
        assertThat(net.node(bob.address())).isSameAs(newBob);
    }

    @Test
    void conditionalRunStopsWhenTheConditionHoldsAndIsBoundedOtherwise() {
        // Endless traffic: the queue never empties, so only the deadline can stop the run.
        List<InetSocketAddress> addresses = List.of(net.nextAddress(), net.nextAddress());
        var a = net.add(addresses.get(0), new GossipCore(addresses, net.newRandom(), 0, 100));
        net.add(addresses.get(1), new GossipCore(addresses, net.newRandom(), 0, 100));

        assertThat(net.runUntil(() -> false, 5_000)).isFalse();
        assertThat(net.now()).isEqualTo(5_000);
        assertThat(net.runFor(() -> false, 1_000)).isFalse();
        assertThat(net.now()).isEqualTo(6_000);

        long before = a.eventsReported();
        assertThat(net.runFor(() -> a.eventsReported() > before, 60_000)).isTrue();
        assertThat(net.now()).as("stopped at the event that made it true").isLessThan(7_000);
        assertThat(net.runUntil(() -> true, net.now())).isTrue();
        assertThatThrownBy(() -> net.runUntil(() -> true, net.now() - 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> net.runUntil(net.now() - 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theInterceptorSeesEveryDatagramAndCanDropOrTamper() {
        var alice = net.add(net.nextAddress(), new PingPongCore());
        var bob = net.add(net.nextAddress(), new PingPongCore());
        List<String> trace = new ArrayList<>();
        net.setInterceptor((now, from, to, payload) -> {
            String text = new String(payload, StandardCharsets.UTF_8);
            trace.add(now + " " + text);
            if (text.equals("PING 2")) {
                return null;
            }
            return text.startsWith("PONG") ? "FORGED".getBytes(StandardCharsets.UTF_8) : payload;
        });
        net.invoke(alice, (core, now) -> core.ping(now, bob.address(), 1));
        net.invoke(alice, (core, now) -> core.ping(now, bob.address(), 2));
        net.runFor(100);

        assertThat(trace).containsExactly("0 PING 1", "0 PING 2", "10 PONG 1");
        assertThat(bob.takeEvents()).extracting(Received::text).containsExactly("PING 1");
        assertThat(alice.takeEvents()).extracting(Received::text).containsExactly("FORGED");
        assertThat(net.stats().datagramsIntercepted()).isEqualTo(1);
        net.setInterceptor(null);
    }

    @Test
    void theSenderCannotAliasTheBytesItSent() {
        var alice = net.add(net.nextAddress(), new PingPongCore());
        var bob = net.add(net.nextAddress(), new PingPongCore());
        byte[] buffer = "hello".getBytes(StandardCharsets.UTF_8);
        net.sync(alice);
        alice.core().send(bob.address(), "ignored");
        net.sync(alice);
        // A core reusing its buffer after sending must not change what is in flight.
        var sneaky = net.add(net.nextAddress(), new SingleShot(bob.address(), buffer));
        buffer[0] = 'j';
        net.runFor(100);
        assertThat(bob.takeEvents()).extracting(Received::text).containsExactly("ignored", "hello");
        assertThat(sneaky.datagramsOut()).isEqualTo(1);
    }

    @Test
    void scheduledActionsRunInOrderWithTheTraffic() {
        var alice = net.add(net.nextAddress(), new PingPongCore());
        var bob = net.add(net.nextAddress(), new PingPongCore());
        List<Long> ranAt = new ArrayList<>();
        net.schedule(30, () -> net.invoke(alice, (core, now) -> core.ping(now, bob.address(), 1)));
        net.schedule(40, () -> ranAt.add(net.now()));
        net.schedule(40, () -> net.kill(bob));
        net.runFor(1_000);
        assertThat(ranAt).containsExactly(40L);
        // Equal times run in scheduling order: the kill was scheduled (at setup) before the ping was sent (at 30).
        assertThat(bob.eventCount()).isZero();
        assertThat(net.stats().datagramsToDead()).isEqualTo(1);
        assertThatThrownBy(() -> net.schedule(5, () -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void misuseIsReportedAsIllegalArgumentOrState() {
        var alice = net.add(net.nextAddress(), new PingPongCore());
        assertThatThrownBy(() -> net.add(alice.address(), new PingPongCore())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> net.add(InetSocketAddress.createUnresolved("example.org", 1), new PingPongCore()))
                .isInstanceOf(IllegalArgumentException.class);
        InMemoryNetwork other = new InMemoryNetwork(3);
        assertThatThrownBy(() -> other.kill(alice)).isInstanceOf(IllegalArgumentException.class);
        alice.onEvent(e -> net.runFor(1));
        net.invoke(alice, (core, now) -> core.send(alice.address(), "to myself"));
        assertThatThrownBy(() -> net.runFor(100)).isInstanceOf(IllegalStateException.class).hasMessageContaining("already running");
    }

    @Test
    void aCoreThatKeepsAskingForTheSameInstantIsStoppedInsteadOfSpinningForever() {
        InMemoryNetwork guarded = InMemoryNetwork.builder().seed(1).maxEventsPerInstant(1_000).build();
        guarded.add(guarded.nextAddress(), new AlwaysDue());
        assertThatThrownBy(() -> guarded.runFor(10)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1000 events at virtual time 0");
    }

    /** Sends one datagram from construction. */
    private record SingleShot(InetSocketAddress to, byte[] payload, boolean[] sent) implements DatagramProtocol<Void> {
        SingleShot(InetSocketAddress to, byte[] payload) {
            this(to, payload, new boolean[1]);
        }

        @Override
        public Transmit pollTransmit() {
            if (sent[0]) {
                return null;
            }
            sent[0] = true;
            return new Transmit(to, payload);
        }

        @Override public void handleDatagram(long now, InetSocketAddress from, byte[] bytes) { }
        @Override public void handleTimeout(long now) { }
        @Override public long pollTimeout() { return NO_TIMEOUT; }
        @Override public Void pollEvent() { return null; }
    }

    /** A buggy core whose deadline is always already due. */
    private static final class AlwaysDue implements DatagramProtocol<Void> {
        @Override public void handleDatagram(long now, InetSocketAddress from, byte[] bytes) { }
        @Override public void handleTimeout(long now) { }
        @Override public Transmit pollTransmit() { return null; }
        @Override public long pollTimeout() { return 0; }
        @Override public Void pollEvent() { return null; }
    }
}
