package io.peerdial.p2p.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.peerdial.location.map.DhtMap;
import io.peerdial.location.map.SignedDhtMap;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.kademlia.OverlayEvent.AppFailure;
import io.peerdial.overlay.runtime.AppRequestFailedException;
import io.peerdial.p2p.base.P2PException;
import io.peerdial.p2p.base.P2PException.Reason;
import io.peerdial.p2p.testing.FakeOverlay;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Groups on the in-memory overlay with the real signed DHT map: membership, fan-out, failures. */
class GroupsTest {

    private static final Duration WAIT = Duration.ofSeconds(2);
    private static final String GROUP = "chat";

    private final SplittableRandom random = new SplittableRandom(42);
    private final FakeOverlay overlay = new FakeOverlay(random);
    private final List<FakeOverlay.Port> ports = new ArrayList<>();
    private final List<Groups> groups = new ArrayList<>();

    private Groups.Settings settings(int fanout) {
        return new Groups.Settings(Duration.ofMinutes(2), Duration.ofSeconds(5), fanout, 16);
    }

    private Groups node(int fanout) {
        FakeOverlay.Port port = overlay.addNode();
        DhtMap map = new SignedDhtMap(overlay.access(), NodeKeyPair.generate(random), Duration.ofMinutes(10));
        Groups g = new Groups(port, map, random.split(), settings(fanout));
        ports.add(port);
        groups.add(g);
        return g;
    }

    private List<GroupSocket> members(int n, int fanout) {
        List<GroupSocket> sockets = new ArrayList<>();
        for (int i = 0; i < n; i++) sockets.add(node(fanout).join(GROUP, WAIT));
        return sockets;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Reason reasonOf(Throwable t) {
        Throwable c = t instanceof CompletionException ? t.getCause() : t;
        return ((P2PException) c).reason();
    }

    @Test
    void joinListsEveryMemberInTheDht() {
        List<GroupSocket> sockets = members(5, 8);

        List<NodeId> expected = ports.stream().map(FakeOverlay.Port::self).sorted().toList();
        assertThat(sockets.get(2).members(WAIT)).isEqualTo(expected);
        assertThat(sockets.get(0).key()).isEqualTo(Groups.key(GROUP)).isEqualTo(DhtMap.key("group:chat"));
        assertThat(sockets.get(0).name()).isEqualTo(GROUP);
    }

    @Test
    void sendReachesEveryOtherMemberOnceAndNotTheSender() {
        List<GroupSocket> sockets = members(5, 8);

        SendReport report = sockets.get(0).send(bytes("hello"), WAIT);

        assertThat(report.handedTo()).hasSize(4);
        assertThat(report.unreachable()).isEmpty();
        for (int i = 1; i < 5; i++) {
            GroupMessage m = sockets.get(i).receive(WAIT);
            assertThat(new String(m.payload(), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(m.sender()).isEqualTo(ports.get(0).self());
            assertThat(m.toAll()).isTrue();
            assertThat(m.group()).isEqualTo(GROUP);
            assertThat(sockets.get(i).receiveAsync()).isNotDone();
        }
        assertThat(sockets.get(0).receiveAsync()).isNotDone();
    }

    @Test
    void withASmallFanOutTheMembersForwardAlongATree() {
        List<GroupSocket> sockets = members(12, 2);
        int before = overlay.requests();

        SendReport report = sockets.get(3).send(bytes("tree"), WAIT);

        assertThat(report.handedTo()).hasSize(2); // the sender handed it to two members only
        assertThat(overlay.requests() - before).isEqualTo(11); // one hand-over per other member, no duplicates
        for (int i = 0; i < 12; i++) {
            if (i == 3) continue;
            assertThat(sockets.get(i).receive(WAIT).sender()).isEqualTo(ports.get(3).self());
            assertThat(sockets.get(i).receiveAsync()).isNotDone();
        }
    }

    @Test
    void aDeadMemberInTheTreeHidesNobody() {
        List<GroupSocket> sockets = members(10, 2);
        List<FanOut.Subtree> plan = FanOut.plan(view(), null, null, ports.get(0).self(), 2);
        NodeId deadHead = plan.get(0).members().get(0).node();
        int dead = indexOf(deadHead);
        ports.get(dead).kill();

        SendReport report = sockets.get(0).send(bytes("x"), WAIT);

        assertThat(report.unreachable()).containsExactly(deadHead);
        for (int i = 1; i < 10; i++) {
            if (i == dead) continue;
            assertThat(sockets.get(i).receive(WAIT).toAll()).isTrue();
        }
    }

    @Test
    void sendAnyReachesExactlyOneOtherMember() {
        List<GroupSocket> sockets = members(5, 8);

        NodeId taker = sockets.get(0).sendAny(bytes("one"), WAIT);

        int receivers = 0;
        for (int i = 1; i < 5; i++) {
            var next = sockets.get(i).receiveAsync();
            if (next.isDone()) {
                receivers++;
                assertThat(ports.get(i).self()).isEqualTo(taker);
                assertThat(next.join().toAll()).isFalse();
            }
        }
        assertThat(receivers).isEqualTo(1);
        assertThat(taker).isNotEqualTo(ports.get(0).self());
    }

    @Test
    void sendAnyTriesTheNextMemberWhenOneIsDead() {
        List<GroupSocket> sockets = members(4, 8);
        ports.get(1).kill();
        ports.get(2).kill();

        assertThat(sockets.get(0).sendAny(bytes("x"), WAIT)).isEqualTo(ports.get(3).self());
        assertThat(sockets.get(3).receive(WAIT).toAll()).isFalse();
    }

    @Test
    void aLoneMemberHasNobodyToSendTo() {
        GroupSocket alone = members(1, 8).get(0);

        assertThat(reasonOf(catchThrowable(() -> alone.send(bytes("x"), WAIT)))).isEqualTo(Reason.NO_MEMBERS);
        assertThat(reasonOf(catchThrowable(() -> alone.sendAny(bytes("x"), WAIT)))).isEqualTo(Reason.NO_MEMBERS);
    }

    @Test
    void whenEveryOtherMemberIsDeadSendsAreUndelivered() {
        List<GroupSocket> sockets = members(3, 8);
        ports.get(1).kill();
        ports.get(2).kill();

        assertThat(reasonOf(catchThrowable(() -> sockets.get(0).send(bytes("x"), WAIT)))).isEqualTo(Reason.UNDELIVERED);
        assertThat(reasonOf(catchThrowable(() -> sockets.get(0).sendAny(bytes("x"), WAIT)))).isEqualTo(Reason.UNDELIVERED);
    }

    @Test
    void aMemberThatLeftIsNoLongerListedOrServedAndItsSocketIsClosed() {
        List<GroupSocket> sockets = members(3, 8);
        var waiting = sockets.get(2).receiveAsync();

        sockets.get(2).leave(WAIT);
        sockets.get(2).leave(WAIT); // idempotent

        assertThat(sockets.get(0).members(WAIT)).doesNotContain(ports.get(2).self()).hasSize(2);
        assertThat(reasonOf(catchThrowable(waiting::join))).isEqualTo(Reason.CLOSED);
        assertThat(reasonOf(catchThrowable(() -> sockets.get(2).send(bytes("x"), WAIT)))).isEqualTo(Reason.CLOSED);
        assertThat(reasonOf(catchThrowable(() -> sockets.get(2).sendAny(bytes("x"), WAIT)))).isEqualTo(Reason.CLOSED);
        overlay.advance(6_000); // past the cached view
        assertThat(sockets.get(0).send(bytes("x"), WAIT).handedTo()).containsExactly(ports.get(1).self());
        assertThat(groups.get(2).join(GROUP, WAIT).members(WAIT)).hasSize(3); // may join again
    }

    @Test
    void membershipEntriesAreRefreshedWhileTheNodeRunsAndExpireWhenItStops() {
        List<GroupSocket> sockets = members(2, 8);
        FakeOverlay.Port stoppedPort = overlay.addNode();
        DhtMap stoppedMap = new SignedDhtMap(overlay.accessWithoutTimers(), NodeKeyPair.generate(random), Duration.ofMinutes(10));
        new Groups(stoppedPort, stoppedMap, random.split(), settings(8)).join(GROUP, WAIT);
        assertThat(sockets.get(0).members(WAIT)).hasSize(3);

        overlay.advance(Duration.ofMinutes(7).toMillis()); // 3.5 TTLs

        assertThat(sockets.get(0).members(WAIT)).containsExactlyInAnyOrder(ports.get(0).self(), ports.get(1).self());
    }

    @Test
    void joiningFailsWhenNoHolderStoresTheEntryAndMayBeRetried() {
        Groups g = node(8);
        overlay.refuseStores(true);

        assertThat(reasonOf(catchThrowable(() -> g.join(GROUP, WAIT)))).isEqualTo(Reason.NOT_STORED);

        overlay.refuseStores(false);
        assertThat(g.join(GROUP, WAIT).members(WAIT)).containsExactly(ports.get(0).self());
        assertThatThrownBy(() -> g.join(GROUP, WAIT)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> g.join("", WAIT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailedJoinLeavesNoEntryBehindOnceStoresWorkAgain() {
        Groups failed = node(8);
        overlay.refuseStores(true);
        catchThrowable(() -> failed.join(GROUP, WAIT));
        overlay.refuseStores(false);

        overlay.advance(Duration.ofMinutes(1).toMillis()); // past the publisher's retry of the silent write
        GroupSocket other = node(8).join(GROUP, WAIT);

        assertThat(other.members(WAIT)).containsExactly(ports.get(1).self());
    }

    @Test
    void aDuplicateIsAcknowledgedButDeliveredOnce() {
        List<GroupSocket> sockets = members(2, 8);
        byte[] bytes = GroupCodec.encode(new GroupDatagram(GroupDatagram.Kind.ANY, Groups.key(GROUP), ports.get(0).self(), 7, null, bytes("d")));

        ports.get(0).request(ports.get(1).selfContact(), GroupDatagram.SERVICE, bytes).join();
        ports.get(0).request(ports.get(1).selfContact(), GroupDatagram.SERVICE, bytes).join();

        sockets.get(1).receive(WAIT);
        assertThat(sockets.get(1).receiveAsync()).isNotDone();
    }

    @Test
    void malformedMessagesAndMessagesForOtherGroupsAreRefused() {
        members(2, 8);
        Throwable malformed = catchThrowable(() -> ports.get(0).request(ports.get(1).selfContact(), GroupDatagram.SERVICE, new byte[3]).join());
        byte[] otherGroup = GroupCodec.encode(new GroupDatagram(GroupDatagram.Kind.ANY, Groups.key("other"), ports.get(0).self(), 1, null, bytes("x")));
        Throwable notMember = catchThrowable(() -> ports.get(0).request(ports.get(1).selfContact(), GroupDatagram.SERVICE, otherGroup).join());

        assertThat(((AppRequestFailedException) malformed.getCause()).reason()).isEqualTo(AppFailure.REFUSED);
        assertThat(malformed.getCause()).hasMessageContaining("TOO_SHORT");
        assertThat(((AppRequestFailedException) notMember.getCause()).reason()).isEqualTo(AppFailure.UNKNOWN_SERVICE);
    }

    @Test
    void aFullInboxPassesTheHandOverToTheNextMemberOfTheRun() {
        List<GroupSocket> sockets = members(3, 1); // one run: both others in it
        List<NodeId> order = sockets.get(0).members(WAIT).stream().filter(id -> !id.equals(ports.get(0).self())).toList();
        GroupSocket head = sockets.get(indexOf(order.get(0)));
        for (int i = 0; i < 16; i++) assertThat(head.onDatagram(new GroupDatagram(GroupDatagram.Kind.ANY, head.key(),
                ports.get(0).self(), 1_000 + i, null, bytes("fill")))).isCompleted();

        SendReport report = sockets.get(0).send(bytes("x"), WAIT);

        assertThat(report.unreachable()).containsExactly(order.get(0));
        assertThat(report.handedTo()).containsExactly(order.get(1));
    }

    @Test
    void closingGroupsLeavesEveryGroupAndStopsServing() {
        List<GroupSocket> sockets = members(2, 8);

        groups.get(1).close();

        assertThat(ports.get(1).serves(GroupDatagram.SERVICE)).isFalse();
        assertThat(sockets.get(0).members(WAIT)).containsExactly(ports.get(0).self());
        assertThat(reasonOf(catchThrowable(() -> groups.get(1).join("again", WAIT)))).isEqualTo(Reason.CLOSED);
    }

    @Test
    void misuseIsAnIllegalArgument() {
        GroupSocket s = members(2, 8).get(0);
        assertThatThrownBy(() -> s.sendAsync(new byte[GroupDatagram.MAX_PAYLOAD + 1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.send(bytes("x"), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Groups.Settings(Duration.ofHours(2), Duration.ZERO, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Groups.Settings(Duration.ofMinutes(1), Duration.ZERO, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(s.send(new byte[GroupDatagram.MAX_PAYLOAD], WAIT).handedTo()).hasSize(1);
    }

    private List<Member> view() {
        return ports.stream().map(p -> new Member(p.selfContact())).toList();
    }

    private int indexOf(NodeId id) {
        for (int i = 0; i < ports.size(); i++) if (ports.get(i).self().equals(id)) return i;
        throw new AssertionError(id);
    }
}
