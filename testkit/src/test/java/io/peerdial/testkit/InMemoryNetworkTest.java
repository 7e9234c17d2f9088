package io.peerdial.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.peerdial.overlay.protocol.DatagramProtocol;
import io.peerdial.testkit.fakes.PingPongCore;
import io.peerdial.testkit.fakes.PingPongCore.Received;
import io.peerdial.testkit.fakes.TimerCore;
import io.peerdial.testkit.fakes.TimerCore.Fired;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Latency, loss, timers and event draining of {@link InMemoryNetwork}. */
class InMemoryNetworkTest {

    @Test
    void constantLatencyIsAppliedExactlyBothWays() {
        InMemoryNetwork net = InMemoryNetwork.builder().seed(1).latency(LatencyModel.constant(37)).build();
        var alice = net.add(net.nextAddress(), new PingPongCore());
        var bob = net.add(net.nextAddress(), new PingPongCore());

        net.runFor(5);
        net.invoke(alice, (core, now) -> core.ping(now, bob.address(), 1));
        net.runFor(1_000);

        assertThat(bob.takeEvents()).containsExactly(new Received(42, alice.address(), "PING 1"));
        assertThat(alice.takeEvents()).containsExactly(new Received(79, bob.address(), "PONG 1"));
        assertThat(net.now()).isEqualTo(1_005);
        assertThat(alice.datagramsOut()).isEqualTo(1);
        assertThat(alice.datagramsIn()).isEqualTo(1);
        assertThat(bob.bytesIn()).isEqualTo(6);
        assertThat(net.stats().datagramsDelivered()).isEqualTo(2);
    }

    @Test
    void perPairLatencyIsSymmetricStableAndWithinRange() {
        LatencyModel model = LatencyModel.perPair(5, 150, 99);
        InMemoryNetwork net = InMemoryNetwork.builder().seed(1).latency(model).build();
        List<NodeHandle<PingPongCore, Received>> nodes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            nodes.add(net.add(net.nextAddress(), new PingPongCore()));
        }
        var origin = nodes.get(0);
        for (int i = 1; i < nodes.size(); i++) {
            var peer = nodes.get(i);
            net.invoke(origin, (core, now) -> core.ping(now, peer.address(), 0));
        }
        net.runFor(1_000);

        List<Long> distinct = new ArrayList<>();
        for (Received pong : origin.takeEvents()) {
            long oneWay = model.latency(origin.address(), pong.from(), null);
            assertThat(oneWay).isBetween(5L, 150L).isEqualTo(model.latency(pong.from(), origin.address(), null));
            assertThat(pong.at()).isEqualTo(2 * oneWay);
            distinct.add(oneWay);
        }
        assertThat(distinct).hasSize(19);
        assertThat(new java.util.HashSet<>(distinct)).as("spread over the range").hasSizeGreaterThan(10);
        assertThat(LatencyModel.perPair(5, 150, 100).latency(origin.address(), nodes.get(1).address(), null))
                .as("another seed gives another geography")
                .isNotEqualTo(model.latency(origin.address(), nodes.get(1).address(), null));
    }

    @Test
    void uniformLatencyStaysInItsRangeAndReordersDatagrams() {
        InMemoryNetwork net = InMemoryNetwork.builder().seed(5).latency(LatencyModel.uniform(10, 20)).build();
        var alice = net.add(net.nextAddress(), new PingPongCore());
        var bob = net.add(net.nextAddress(), new PingPongCore());
        for (int i = 0; i < 500; i++) {
            int n = i;
            net.invoke(alice, (core, now) -> core.send(bob.address(), "m" + n));
        }
        net.runFor(100);
        List<Received> got = bob.takeEvents();
        assertThat(got).hasSize(500).allSatisfy(r -> assertThat(r.at()).isBetween(10L, 20L));
        assertThat(got).extracting(Received::at).contains(10L, 20L).isSorted();
        List<String> sendOrder = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            sendOrder.add("m" + i);
        }
        assertThat(got).extracting(Received::text).as("reordered by random latency")
                .containsExactlyInAnyOrderElementsOf(sendOrder).isNotEqualTo(sendOrder);
    }

    @Test
    void lossRateMatchesTheProbabilityAndEveryDatagramIsAccountedFor() {
        InMemoryNetwork net = InMemoryNetwork.builder().seed(11).loss(LossModel.independent(0.2)).build();
        var alice = net.add(net.nextAddress(), new PingPongCore());
        var bob = net.add(net.nextAddress(), new PingPongCore());
        for (int i = 0; i < 20_000; i++) {
            net.invoke(alice, (core, now) -> core.send(bob.address(), "x"));
        }
        net.runFor(1_000);
        double lossRate = net.stats().datagramsLost() / 20_000.0;
        // 20,000 Bernoulli(0.2) trials: standard deviation 0.0028, so +-0.015 is over 5 sigma.
        assertThat(lossRate).isCloseTo(0.2, within(0.015));
        assertThat(bob.eventCount()).isEqualTo(20_000 - net.stats().datagramsLost());
        assertThat(net.stats().datagramsSent()).isEqualTo(net.stats().datagramsLost() + net.stats().datagramsDelivered());
    }

    @Test
    void lossModelsRejectBadProbabilities() {
        for (double p : new double[] {-0.1, 1.1, Double.NaN}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> LossModel.independent(p))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(LossModel.independent(1.0).isLost(null, null, new SplittableRandom(1))).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LatencyModel.uniform(10, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timersFireAtTheirVirtualTimeAndFollowTheCoresLatestDeadline() {
        InMemoryNetwork net = new InMemoryNetwork(1);
        var h = net.add(net.nextAddress(), new TimerCore());
        net.invoke(h, (core, now) -> core.arm(250, "late"));
        assertThat(h.nextTimeout()).isEqualTo(250);
        net.invoke(h, (core, now) -> core.arm(100, "early"));
        assertThat(h.nextTimeout()).as("moved to the earlier deadline").isEqualTo(100);
        net.invoke(h, (core, now) -> core.arm(400, "cancelled"));

        net.runUntil(399);
        assertThat(h.takeEvents()).containsExactly(new Fired("early", 100, 100), new Fired("late", 250, 250));
        assertThat(h.timeoutsHandled()).as("one wake-up per deadline, no stale timers").isEqualTo(2);
        assertThat(h.nextTimeout()).isEqualTo(400);

        net.invoke(h, (core, now) -> core.cancel(400));
        assertThat(h.nextTimeout()).isEqualTo(DatagramProtocol.NO_TIMEOUT);
        net.runFor(10_000);
        assertThat(h.eventCount()).isZero();
        assertThat(net.pendingEvents()).isZero();
    }

    @Test
    void aDeadlineMovedBehindTheNetworksBackIsNeverHandledEarly() {
        InMemoryNetwork net = new InMemoryNetwork(1);
        var h = net.add(net.nextAddress(), new TimerCore());
        net.invoke(h, (core, now) -> core.arm(100, "moved"));
        h.core().cancel(100);
        h.core().arm(300, "moved");
        assertThat(net.step()).isTrue();
        assertThat(net.now()).isEqualTo(100);
        assertThat(h.core().timeoutCalls()).as("not due yet: no handleTimeout").isZero();
        net.runFor(1_000);
        assertThat(h.takeEvents()).containsExactly(new Fired("moved", 300, 300));
        assertThat(net.step()).as("queue empty").isFalse();
    }

    @Test
    void aDeadlineAlreadyPastFiresAtTheCurrentTime() {
        InMemoryNetwork net = InMemoryNetwork.builder().seed(1).startTime(1_000).build();
        var h = net.add(net.nextAddress(), new TimerCore());
        net.invoke(h, (core, now) -> core.arm(10, "overdue"));
        net.runFor(0);
        assertThat(h.takeEvents()).containsExactly(new Fired("overdue", 10, 1_000));
    }

    @Test
    void eventsAreDrainedInOrderAndCanBeTakenOneByOneOrByType() {
        InMemoryNetwork net = new InMemoryNetwork(1);
        var alice = net.add(net.nextAddress(), new PingPongCore());
        var bob = net.add(net.nextAddress(), new PingPongCore());
        List<String> seenByListener = new ArrayList<>();
        bob.onEvent(e -> seenByListener.add(e.text()));
        for (String s : List.of("one", "two", "three", "four")) {
            net.invoke(alice, (core, now) -> core.send(bob.address(), s));
        }
        net.runFor(100);

        assertThat(bob.events(Received.class)).extracting(Received::text).containsExactly("one", "two", "three", "four");
        assertThat(bob.pollEvent().text()).isEqualTo("one");
        assertThat(bob.events()).extracting(Received::text).containsExactly("two", "three", "four");
        assertThat(bob.takeEvents()).hasSize(3);
        assertThat(bob.pollEvent()).isNull();
        assertThat(seenByListener).containsExactly("one", "two", "three", "four");
        assertThat(bob.eventsReported()).isEqualTo(4);

        bob.recordEvents(false);
        net.invoke(alice, (core, now) -> core.send(bob.address(), "five"));
        net.runFor(100);
        assertThat(bob.eventCount()).isZero();
        assertThat(seenByListener).endsWith("five");
    }
}
