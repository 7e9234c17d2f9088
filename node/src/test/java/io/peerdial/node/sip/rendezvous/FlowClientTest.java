package io.peerdial.node.sip.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.overlay.identity.NodeId;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The client's flows, driven by hand with a virtual time: registration, keep-alive, timeout, failover. */
class FlowClientTest {

    private static final FlowClient.Settings SETTINGS = new FlowClient.Settings(2, 20_000, 4_000, 60_000);
    private final SplittableRandom random = new SplittableRandom(5_626);
    private final NodeId self = NodeId.random(random);
    private final SuperNode s1 = superNode(1);
    private final SuperNode s2 = superNode(2);
    private final SuperNode s3 = superNode(3);
    private final FlowClient client = new FlowClient(SETTINGS, self, new SplittableRandom(1));

    private SuperNode superNode(int i) {
        return new SuperNode(NodeId.random(random), new InetSocketAddress("192.0.2." + i, 5061));
    }

    private static List<SuperNode> targets(List<FlowClient.Register> sends) {
        return sends.stream().map(FlowClient.Register::target).toList();
    }

    @Test
    void opensTheWantedNumberOfFlowsAndPublishesThemOnceAnswered() {
        client.offer(List.of(s1, s2, s3));
        List<FlowClient.Register> first = client.poll(0);
        assertThat(first).hasSize(2).allSatisfy(r -> assertThat(r.lifetimeMs()).isEqualTo(60_000));
        assertThat(client.rendezvous()).isEmpty();
        assertThat(client.takeChanged()).isFalse();

        targets(first).forEach(s -> client.onAnswer(s.id(), 100));
        assertThat(client.rendezvous()).containsExactlyInAnyOrderElementsOf(targets(first));
        assertThat(client.takeChanged()).isTrue();
        assertThat(client.takeChanged()).as("said once").isFalse();
        assertThat(client.poll(200)).as("nothing due before the refresh").isEmpty();
    }

    @Test
    void refreshesWithinEightyToHundredPercentOfTheInterval() {
        client.offer(List.of(s1));
        client.poll(0);
        client.onAnswer(s1.id(), 0);
        long deadline = client.nextDeadline(0);
        assertThat(deadline).isBetween(16_000L, 20_000L);
        assertThat(client.poll(deadline - 1)).isEmpty();
        assertThat(targets(client.poll(deadline))).containsExactly(s1);
        assertThat(client.poll(deadline + 1)).as("one refresh outstanding at a time").isEmpty();
        client.onAnswer(s1.id(), deadline + 50);
        assertThat(client.rendezvous()).containsExactly(s1);
        assertThat(client.takeChanged()).isTrue(); // the first answer; a refresh answer changes nothing
        assertThat(client.takeChanged()).isFalse();
    }

    @Test
    void anUnansweredKeepAliveFailsOverToAnotherSuperNodeAtOnce() {
        client.offer(List.of(s1, s2, s3));
        List<SuperNode> open = targets(client.poll(0));
        open.forEach(s -> client.onAnswer(s.id(), 0));
        client.takeChanged();
        SuperNode spare = List.of(s1, s2, s3).stream().filter(s -> !open.contains(s)).findFirst().orElseThrow();

        long refresh = client.nextDeadline(0);
        List<SuperNode> refreshed = targets(client.poll(30_000)); // both refreshes due
        assertThat(refreshed).containsExactlyInAnyOrderElementsOf(open);
        client.onAnswer(open.get(1).id(), 30_100); // the first super-node stays silent
        assertThat(client.poll(30_000 + 3_999)).isEmpty();
        List<SuperNode> replacement = targets(client.poll(34_000));
        assertThat(replacement).as("the dead one replaced in the same poll").containsExactly(spare);
        assertThat(client.rendezvous()).containsExactly(open.get(1));
        assertThat(client.takeChanged()).as("republish without the dead one").isTrue();
        client.onAnswer(spare.id(), 34_050);
        assertThat(client.rendezvous()).containsExactlyInAnyOrder(open.get(1), spare);
        assertThat(client.takeChanged()).isTrue();
        assertThat(refresh).isLessThan(30_000);
    }

    @Test
    void aRefusedRegistrationIsNotRetriedBeforeTheBackoff() {
        client.offer(List.of(s1));
        assertThat(targets(client.poll(0))).containsExactly(s1);
        client.onRefused(s1.id(), 10);
        assertThat(client.rendezvous()).isEmpty();
        assertThat(client.takeChanged()).as("never published: nothing to republish").isFalse();
        assertThat(client.needsCandidates(10)).isTrue();
        assertThat(client.poll(59_999)).isEmpty();
        assertThat(targets(client.poll(60_010))).containsExactly(s1);
    }

    @Test
    void lateAnswersAndItselfAsCandidateAreIgnored() {
        client.offer(List.of(new SuperNode(self, new InetSocketAddress("192.0.2.9", 5061)), s1));
        assertThat(targets(client.poll(0))).containsExactly(s1);
        client.poll(4_000); // timed out
        client.onAnswer(s1.id(), 4_001);
        assertThat(client.rendezvous()).isEmpty();
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new FlowClient.Settings(0, 20_000, 4_000, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FlowClient.Settings(2, 4_000, 4_000, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
