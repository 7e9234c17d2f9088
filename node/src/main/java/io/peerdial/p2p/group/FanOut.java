package io.peerdial.p2p.group;

import io.peerdial.overlay.identity.NodeId;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans one hop of the members-built broadcast tree (after El-Ansary et al., "Efficient Broadcast in
 * Structured P2P Networks", IPTPS 2003: each node is handed an id interval and splits it among the
 * members it knows in it).
 *
 * <p>The members a node is responsible for, in NodeId order, are cut into at most {@code fanout}
 * consecutive runs; the first member of each run is handed the message with the run's upper end as
 * its limit, and does the same within (its id, limit). If a run's first member cannot be reached,
 * the next one of the run takes its place with the same limit, so one dead member hides nobody.
 * Every member is reached once as long as the members' views agree; a member missing from a
 * forwarder's view (joined a moment ago) misses that message. Pure: no IO, no state.
 */
public final class FanOut {

    /** One run: {@code members.get(0)} is handed the message first; {@code limit} null = no upper end. */
    public record Subtree(List<Member> members, NodeId limit) {
        public Subtree {
            members = List.copyOf(members);
            if (members.isEmpty()) throw new IllegalArgumentException("empty subtree");
        }
    }

    private FanOut() {}

    /**
     * The runs of {@code view} (any order) this node hands a message to: members with
     * {@code lower < id < limit} (a null bound is open), other than {@code lower} itself and {@code origin}.
     */
    public static List<Subtree> plan(List<Member> view, NodeId lower, NodeId limit, NodeId origin, int fanout) {
        if (fanout < 1) throw new IllegalArgumentException("fanout must be positive, got " + fanout);
        List<Member> range = view.stream()
                .filter(m -> lower == null || m.node().compareTo(lower) > 0)
                .filter(m -> limit == null || m.node().compareTo(limit) < 0)
                .filter(m -> !m.node().equals(origin))
                .sorted().distinct().toList();
        List<Subtree> out = new ArrayList<>();
        int runs = Math.min(fanout, range.size());
        for (int i = 0; i < runs; i++) {
            int from = i * range.size() / runs;
            int to = (i + 1) * range.size() / runs;
            NodeId runLimit = to < range.size() ? range.get(to).node() : limit;
            out.add(new Subtree(range.subList(from, to), runLimit));
        }
        return out;
    }
}
