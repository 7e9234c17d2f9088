package io.peerdial.p2p.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.wire.Contact;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The broadcast tree: every member once, depth logarithmic in the group size, runs cut evenly. */
class FanOutTest {

    private static List<Member> members(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Member> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Member(new Contact(NodeId.random(random), new InetSocketAddress(InetAddress.getLoopbackAddress(), 1_000 + i))));
        }
        return out;
    }

    /** Runs the whole broadcast as every member would, counting deliveries and the deepest hop. */
    private static int broadcast(List<Member> view, Member origin, int fanout, Map<NodeId, Integer> received) {
        int depth = 0;
        List<Object[]> frontier = new ArrayList<>();
        for (FanOut.Subtree s : FanOut.plan(view, null, null, origin.node(), fanout)) frontier.add(new Object[] {s, 1});
        while (!frontier.isEmpty()) {
            Object[] next = frontier.remove(0);
            FanOut.Subtree s = (FanOut.Subtree) next[0];
            int hop = (int) next[1];
            depth = Math.max(depth, hop);
            Member head = s.members().get(0);
            received.merge(head.node(), 1, Integer::sum);
            for (FanOut.Subtree child : FanOut.plan(view, head.node(), s.limit(), origin.node(), fanout)) frontier.add(new Object[] {child, hop + 1});
        }
        return depth;
    }

    @ParameterizedTest
    @CsvSource({"5,8,1", "12,2,4", "100,3,5", "1000,8,4", "2,1,1"})
    void everyMemberButTheOriginReceivesExactlyOnceWithinTheDepth(int n, int fanout, int maxDepth) {
        List<Member> view = members(n, n);
        Member origin = view.get(n / 2);
        Map<NodeId, Integer> received = new HashMap<>();

        int depth = broadcast(view, origin, fanout, received);

        assertThat(received).hasSize(n - 1).doesNotContainKey(origin.node());
        assertThat(received.values()).containsOnly(1);
        assertThat(depth).isLessThanOrEqualTo(maxDepth);
    }

    @Test
    void runsAreConsecutiveInIdOrderAndEachEndsWhereTheNextStarts() {
        List<Member> view = members(10, 3);
        List<Member> sorted = view.stream().sorted().toList();

        List<FanOut.Subtree> plan = FanOut.plan(view, null, null, sorted.get(0).node(), 3);

        assertThat(plan).hasSize(3);
        assertThat(plan.stream().mapToInt(s -> s.members().size())).containsExactly(3, 3, 3);
        assertThat(plan.get(0).members()).isEqualTo(sorted.subList(1, 4));
        assertThat(plan.get(0).limit()).isEqualTo(sorted.get(4).node());
        assertThat(plan.get(2).limit()).isNull();
    }

    @Test
    void aForwarderOnlyPlansWithinItsRangeAndNeverBackToTheOrigin() {
        List<Member> sorted = members(10, 4).stream().sorted().toList();

        List<FanOut.Subtree> plan = FanOut.plan(sorted, sorted.get(2).node(), sorted.get(6).node(), sorted.get(4).node(), 8);

        assertThat(plan.stream().map(s -> s.members().get(0))).containsExactly(sorted.get(3), sorted.get(5));
        assertThat(FanOut.plan(sorted, sorted.get(9).node(), null, sorted.get(0).node(), 8)).isEmpty();
        assertThatThrownBy(() -> FanOut.plan(sorted, null, null, sorted.get(0).node(), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
