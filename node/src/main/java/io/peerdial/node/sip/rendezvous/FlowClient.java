package io.peerdial.node.sip.rendezvous;

import io.peerdial.overlay.identity.NodeId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The client node's side of rendezvous (a state machine; theory of operation below).
 *
 * <p>A node that is not publicly reachable keeps a flow to {@code wanted} super-nodes. A flow is
 * opened and kept alive by one message: a signed flow registration (a SIP REGISTER through the
 * node face, docs/SIP.md), sent when the flow is opened and again every {@code refreshMs}
 * (randomised to 80–100 % of it, as RFC 5626 §4.4.1 asks of keep-alives, so clients do not
 * synchronise). Every registration must be answered within {@code answerTimeoutMs}; an unanswered
 * or refused one ends the flow at once, the super-node is not tried again for
 * {@code retryAfterMs}, and another candidate is opened in the same {@link #poll}. A flow counts
 * as a rendezvous (published in bindings) from its first answer; whenever the set of rendezvous
 * changes, {@link #takeChanged()} says so once, and the driver republishes its bindings.
 *
 * <p>Driven, never driving: every method takes {@code now} (ms); the driver sends what
 * {@link #poll} returns and calls it again at {@link #nextDeadline()} or when an answer comes.
 * Not thread-safe.
 */
public final class FlowClient {

    /**
     * @param wanted          flows to keep (e.g. 2: one can fail while the other still works)
     * @param refreshMs       interval between flow registrations: well within NAT binding
     *                        timeouts (UDP mappings of 30 s are common, RFC 4787 §4.3 asks for ≥ 2 min)
     * @param answerTimeoutMs a registration not answered within this ends the flow
     * @param retryAfterMs    a failed super-node is left alone this long
     */
    public record Settings(int wanted, long refreshMs, long answerTimeoutMs, long retryAfterMs) {
        /** 2 flows, refreshed every 16–20 s, answered within 4 s: a dead super-node is replaced within 24 s at worst. */
        public static final Settings DEFAULT = new Settings(2, 20_000, 4_000, 60_000);

        public Settings {
            if (wanted < 1) throw new IllegalArgumentException("wanted must be >= 1, got " + wanted);
            if (refreshMs <= answerTimeoutMs || answerTimeoutMs <= 0 || retryAfterMs < 0) {
                throw new IllegalArgumentException("need 0 < answerTimeoutMs < refreshMs and retryAfterMs >= 0");
            }
        }

        /** Expires asked for in a registration: three refresh intervals, so one lost refresh does not end the flow. */
        public long lifetimeMs() {
            return 3 * refreshMs;
        }
    }

    /** Send a flow registration to {@code target} now, asking for {@code lifetimeMs}. */
    public record Register(SuperNode target, long lifetimeMs) {
    }

    private static final class Flow {
        final SuperNode node;
        boolean established;
        long awaitingSince = -1; // a registration is out, unanswered
        long refreshAt;

        Flow(SuperNode node) {
            this.node = node;
        }
    }

    private final Settings settings;
    private final NodeId self;
    private final RandomGenerator random;
    private final List<Flow> flows = new ArrayList<>();
    private final Map<NodeId, Long> failedUntil = new HashMap<>();
    private List<SuperNode> candidates = List.of();
    private boolean changed;

    public FlowClient(Settings settings, NodeId self, RandomGenerator random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.self = Objects.requireNonNull(self, "self");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The super-nodes flows may be opened to (e.g. the full DHT members of the routing table). */
    public void offer(List<SuperNode> superNodes) {
        candidates = superNodes.stream().filter(s -> !s.id().equals(self)).distinct().toList();
    }

    /** True when fewer flows than wanted are open and no candidate is left: the driver should look for more. */
    public boolean needsCandidates(long now) {
        return flows.size() < settings.wanted() && usable(now).isEmpty();
    }

    /** What to send now: refreshes that are due and registrations of new flows replacing failed ones. */
    public List<Register> poll(long now) {
        List<Register> out = new ArrayList<>();
        for (Iterator<Flow> it = flows.iterator(); it.hasNext(); ) {
            Flow f = it.next();
            if (f.awaitingSince >= 0 && now - f.awaitingSince >= settings.answerTimeoutMs()) {
                it.remove(); // keep-alive unanswered: the super-node or the path is gone
                fail(f, now);
            } else if (f.awaitingSince < 0 && now >= f.refreshAt) {
                f.awaitingSince = now;
                out.add(new Register(f.node, settings.lifetimeMs()));
            }
        }
        List<SuperNode> usable = new ArrayList<>(usable(now));
        while (flows.size() < settings.wanted() && !usable.isEmpty()) {
            Flow f = new Flow(usable.remove(random.nextInt(usable.size())));
            f.awaitingSince = now;
            flows.add(f);
            out.add(new Register(f.node, settings.lifetimeMs()));
        }
        return out;
    }

    /** A 2xx to the registration sent to {@code superNode}. */
    public void onAnswer(NodeId superNode, long now) {
        Flow f = find(superNode);
        if (f == null || f.awaitingSince < 0) return; // late or unasked: ignore
        f.awaitingSince = -1;
        f.refreshAt = now + settings.refreshMs() - (long) (random.nextDouble() * 0.2 * settings.refreshMs());
        if (!f.established) {
            f.established = true;
            changed = true;
        }
    }

    /** A final non-2xx to a registration (403, 503…): the flow ends now. */
    public void onRefused(NodeId superNode, long now) {
        Flow f = find(superNode);
        if (f == null) return;
        flows.remove(f);
        fail(f, now);
    }

    /** The super-nodes with a working flow, to list as rendezvous in bindings. */
    public List<SuperNode> rendezvous() {
        return flows.stream().filter(f -> f.established).map(f -> f.node).toList();
    }

    /** Whether {@link #rendezvous()} changed since the last call (then: republish). */
    public boolean takeChanged() {
        boolean c = changed;
        changed = false;
        return c;
    }

    /** When {@link #poll} has something to do next (ms), or {@link Long#MAX_VALUE}. */
    public long nextDeadline(long now) {
        long next = Long.MAX_VALUE;
        for (Flow f : flows) {
            next = Math.min(next, f.awaitingSince >= 0 ? f.awaitingSince + settings.answerTimeoutMs() : f.refreshAt);
        }
        if (flows.size() < settings.wanted() && !usable(now).isEmpty()) next = now;
        for (long until : failedUntil.values()) if (flows.size() < settings.wanted() && until > now) next = Math.min(next, until);
        return next;
    }

    private void fail(Flow f, long now) {
        failedUntil.put(f.node.id(), now + settings.retryAfterMs());
        if (f.established) changed = true;
    }

    private List<SuperNode> usable(long now) {
        failedUntil.values().removeIf(until -> until <= now);
        return candidates.stream()
                .filter(c -> !failedUntil.containsKey(c.id()) && find(c.id()) == null)
                .toList();
    }

    private Flow find(NodeId id) {
        for (Flow f : flows) if (f.node.id().equals(id)) return f;
        return null;
    }
}
