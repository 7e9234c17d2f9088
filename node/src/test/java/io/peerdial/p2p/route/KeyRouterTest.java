package io.peerdial.p2p.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.kademlia.OverlayEvent.AppFailure;
import io.peerdial.overlay.runtime.AppRequestFailedException;
import io.peerdial.p2p.base.P2PException;
import io.peerdial.p2p.base.P2PException.Reason;
import io.peerdial.p2p.testing.FakeOverlay;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Key routing on the in-memory overlay: who gets a datagram, the addressed-to-me flag, liveness, errors. */
class KeyRouterTest {

    private static final Duration WAIT = Duration.ofSeconds(2);

    private FakeOverlay overlay;
    private final List<FakeOverlay.Port> ports = new ArrayList<>();
    private final List<KeyRouter> routers = new ArrayList<>();

    @BeforeEach
    void eightNodes() {
        overlay = new FakeOverlay(new SplittableRandom(8));
        for (int i = 0; i < 8; i++) {
            FakeOverlay.Port p = overlay.addNode();
            ports.add(p);
            routers.add(new KeyRouter(p));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Indexes of the nodes by distance to {@code key}, closest first (computed here, not by the router). */
    private List<Integer> byDistance(NodeId key) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) order.add(i);
        order.sort(Comparator.comparing(i -> key.xor(ports.get(i).self())));
        return order;
    }

    private int senderOtherThan(int... excluded) {
        for (int i = 0; i < ports.size(); i++) {
            int candidate = i;
            if (java.util.Arrays.stream(excluded).noneMatch(e -> e == candidate)) return i;
        }
        throw new AssertionError();
    }

    @Test
    void aDatagramToANodeIdReachesThatNodeAddressedToIt() {
        NodeId target = ports.get(5).self();
        Delivery d = routers.get(0).sendTo(target, bytes("hi"), WAIT);

        assertThat(d).isEqualTo(new Delivery(target, 1));
        Routed in = routers.get(5).receive(WAIT);
        assertThat(in.addressedToMe()).isTrue();
        assertThat(in.key()).isEqualTo(target);
        assertThat(in.sender()).isEqualTo(ports.get(0).self());
        assertThat(new String(in.payload(), StandardCharsets.UTF_8)).isEqualTo("hi");
    }

    @Test
    void aDatagramToAnyOtherKeyReachesTheClosestNodeFlaggedAsClosest() {
        NodeId key = NodeId.sha256Prefix(bytes("some key"));
        int closest = byDistance(key).get(0);
        int sender = senderOtherThan(closest);

        Delivery d = routers.get(sender).sendTo(key, bytes("x"), WAIT);

        assertThat(d.node()).isEqualTo(ports.get(closest).self());
        Routed in = routers.get(closest).receive(WAIT);
        assertThat(in.addressedToMe()).isFalse();
        assertThat(in.key()).isEqualTo(key);
        for (int i = 0; i < routers.size(); i++) {
            if (i != closest) assertThat(routers.get(i).receiveAsync()).isNotDone();
        }
    }

    @Test
    void whenTheSenderIsClosestItDeliversToItself() {
        NodeId key = NodeId.sha256Prefix(bytes("mine"));
        int closest = byDistance(key).get(0);
        int before = overlay.requests();

        Delivery d = routers.get(closest).sendTo(key, bytes("self"), WAIT);

        assertThat(d.node()).isEqualTo(ports.get(closest).self());
        assertThat(overlay.requests()).isEqualTo(before);
        assertThat(routers.get(closest).receive(WAIT).addressedToMe()).isFalse();
        assertThat(routers.get(closest).sendTo(ports.get(closest).self(), bytes("me"), WAIT).node()).isEqualTo(ports.get(closest).self());
        assertThat(routers.get(closest).receive(WAIT).addressedToMe()).isTrue();
    }

    @Test
    void aDeadClosestNodeIsSkippedForTheNextLiveOne() {
        NodeId key = NodeId.sha256Prefix(bytes("k"));
        List<Integer> order = byDistance(key);
        ports.get(order.get(0)).kill();
        int sender = senderOtherThan(order.get(0), order.get(1));

        Delivery d = routers.get(sender).sendTo(key, bytes("x"), WAIT);

        assertThat(d).isEqualTo(new Delivery(ports.get(order.get(1)).self(), 2));
        assertThat(routers.get(order.get(1)).receive(WAIT).addressedToMe()).isFalse();
    }

    @Test
    void aNodeAnsweringWithAnotherIdOrNotServingRoutingIsNotLive() {
        NodeId key = NodeId.sha256Prefix(bytes("k2"));
        List<Integer> order = byDistance(key);
        ports.get(order.get(0)).answerAs(ports.get(order.get(3)).selfContact());
        routers.get(order.get(1)).close();
        int sender = senderOtherThan(order.get(0), order.get(1), order.get(2));

        Delivery d = routers.get(sender).sendTo(key, bytes("x"), WAIT);

        assertThat(d).isEqualTo(new Delivery(ports.get(order.get(2)).self(), 3));
    }

    @Test
    void whenTheClosestNodesAreAllDeadTheSendFailsWithNoRoute() {
        NodeId key = NodeId.sha256Prefix(bytes("k3"));
        List<Integer> order = byDistance(key);
        for (int i = 0; i < KeyRouter.MAX_ATTEMPTS; i++) ports.get(order.get(i)).kill();
        int sender = order.get(KeyRouter.MAX_ATTEMPTS + 1);

        Throwable t = catchThrowable(() -> routers.get(sender).sendTo(key, bytes("x"), WAIT));

        assertThat(t).isInstanceOf(P2PException.class);
        assertThat(((P2PException) t).reason()).isEqualTo(Reason.NO_ROUTE);
    }

    @Test
    void aFullInboxAtTheClosestNodeFailsTheSendAsUndelivered() {
        FakeOverlay small = new FakeOverlay(new SplittableRandom(1));
        FakeOverlay.Port a = small.addNode();
        FakeOverlay.Port b = small.addNode();
        KeyRouter ra = new KeyRouter(a);
        new KeyRouter(b, 1);
        ra.sendTo(b.self(), bytes("1"), WAIT);

        Throwable t = catchThrowable(() -> ra.sendTo(b.self(), bytes("2"), WAIT));

        assertThat(((P2PException) t).reason()).isEqualTo(Reason.UNDELIVERED);
        assertThat(t).hasMessageContaining("inbox full");
    }

    @Test
    void aMalformedRoutingRequestIsRefused() {
        Throwable t = catchThrowable(() -> ports.get(0).request(ports.get(1).selfContact(), RouteDatagram.SERVICE, new byte[] {9}).join());

        assertThat(t).isInstanceOf(CompletionException.class).hasCauseInstanceOf(AppRequestFailedException.class);
        assertThat(((AppRequestFailedException) t.getCause()).reason()).isEqualTo(AppFailure.REFUSED);
        assertThat(t.getCause()).hasMessageContaining("TOO_SHORT");
    }

    @Test
    void receiveTimesOutAndATimedOutReceiverDoesNotSwallowTheNextDatagram() {
        Throwable t = catchThrowable(() -> routers.get(1).receive(Duration.ofMillis(20)));
        assertThat(((P2PException) t).reason()).isEqualTo(Reason.TIMEOUT);

        routers.get(0).sendTo(ports.get(1).self(), bytes("late"), WAIT);

        assertThat(new String(routers.get(1).receive(WAIT).payload(), StandardCharsets.UTF_8)).isEqualTo("late");
    }

    @Test
    void receiveAsyncCompletesWhenADatagramArrives() {
        var pending = routers.get(2).receiveAsync();
        assertThat(pending).isNotDone();

        routers.get(0).sendToAsync(ports.get(2).self(), bytes("async")).join();

        assertThat(pending.join().addressedToMe()).isTrue();
    }

    @Test
    void aClosedRouterFailsReceiversAndSendsWithClosed() {
        var pending = routers.get(3).receiveAsync();
        routers.get(3).close();
        routers.get(3).close(); // idempotent

        assertThat(catchThrowable(pending::join).getCause()).isInstanceOfSatisfying(P2PException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.CLOSED));
        assertThat(catchThrowable(() -> routers.get(3).sendTo(ports.get(0).self(), bytes("x"), WAIT)))
                .isInstanceOfSatisfying(P2PException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CLOSED));
        assertThat(ports.get(3).serves(RouteDatagram.SERVICE)).isFalse();
    }

    @Test
    void misuseIsAnIllegalArgument() {
        KeyRouter r = routers.get(0);
        NodeId key = ports.get(1).self();
        assertThatThrownBy(() -> r.sendToAsync(key, new byte[RouteDatagram.MAX_PAYLOAD + 1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.sendTo(key, new byte[1], Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.receive(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.sendToAsync(null, new byte[1])).isInstanceOf(NullPointerException.class);
        assertThat(r.sendTo(key, new byte[RouteDatagram.MAX_PAYLOAD], WAIT).node()).isEqualTo(key);
    }
}
