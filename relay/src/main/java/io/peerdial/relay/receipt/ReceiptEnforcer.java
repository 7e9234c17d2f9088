package io.peerdial.relay.receipt;

import io.peerdial.overlay.identity.NodeId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a relay does about a client that does not sign (docs/INCENTIVES.md, "Enforcement"), sans-IO.
 *
 * <p>The rule: <b>a session's kept receipt must cover, give or take a tolerance, what the relay had
 * counted {@code graceMs} earlier</b> ({@link ReceiptBook#unreceipted}). An honest client signs at
 * least every signing interval (30 s) while bytes flow, so with a grace of a few intervals it never
 * lags that far; a client that stopped signing, or signs counts far below what was relayed, does. The
 * tolerance ({@code lossPercent} of the counted bytes + {@code slackBytes}) absorbs what the two ends
 * count differently: datagrams lost between relay and client, or dropped by the relay.
 *
 * <ul>
 *   <li>A live session that breaks the rule is to be <b>closed</b> (its allocation deleted) and its
 *       client <b>refused</b> (credentials and new allocations) for {@code refuseForMs}.</li>
 *   <li>A session that ended is judged {@code finalGraceMs} later (time for the final receipt sent on
 *       close) against its final counts; if uncovered, its client is refused.</li>
 * </ul>
 *
 * What a relay can lose to a non-signing client is bounded by about {@code graceMs} of the session's
 * traffic plus the tolerance, and the client's next sessions here are refused. Deterministic; not
 * thread-safe (the driver calls it under its lock).
 */
public final class ReceiptEnforcer {

    /**
     * @param graceMs      receipts must cover what was counted this long ago (a few signing intervals)
     * @param finalGraceMs an ended session's final receipt is awaited this long
     * @param lossPercent  counted bytes a receipt may miss, in percent (loss on the relay↔client leg)
     * @param slackBytes   and this many bytes more
     * @param refuseForMs  how long a client that broke the rule is refused
     */
    public record Policy(long graceMs, long finalGraceMs, int lossPercent, long slackBytes, long refuseForMs) {
        public Policy {
            if (graceMs <= 0 || finalGraceMs < 0 || slackBytes < 0 || refuseForMs < 0 || lossPercent < 0 || lossPercent >= 100) {
                throw new IllegalArgumentException("bad enforcement policy");
            }
        }

        /**
         * 90 s (three 30 s signing intervals), 30 s for the final receipt, 10 % + 256 kB, refused 10 minutes.
         * The slack also covers an ICE restart: the replaced run may carry media for a few seconds after its
         * allocation's final receipt (the client sees only the current run's counts).
         */
        public static Policy defaults() {
            return new Policy(90_000, 30_000, 10, 256 * 1024, 10 * 60_000);
        }

        long tolerance(long counted) {
            return counted / 100 * lossPercent + slackBytes;
        }
    }

    /** The relay's counts of a live session now, and whose session it is. */
    public record Counted(NodeId client, long bytesToPeers, long bytesToClient) {
        public Counted {
            Objects.requireNonNull(client, "client");
        }
    }

    /** What to do now: sessions to close, clients to refuse (until the given time). */
    public record Verdict(List<SessionId> close, Map<NodeId, Long> refuse) {
        public boolean isEmpty() {
            return close.isEmpty() && refuse.isEmpty();
        }
    }

    private record Observation(long at, long toPeers, long toClient) {}

    private record Ended(NodeId client, long judgeAt, long toPeers, long toClient) {}

    private final ReceiptBook book;
    private final Policy policy;
    /** Per live session, the relay's counts over the last {@code graceMs} (the oldest at or before now − grace first). */
    private final Map<SessionId, ArrayDeque<Observation>> history = new HashMap<>();
    private final Map<SessionId, Ended> ended = new HashMap<>();
    private final Map<NodeId, Long> refused = new HashMap<>();

    public ReceiptEnforcer(ReceiptBook book, Policy policy) {
        this.book = Objects.requireNonNull(book, "book");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * One look at the live sessions ({@code live}: every session the relay serves with receipts, with
     * its counts now) and at the ended ones whose final grace is over. Sessions not in {@code live} and
     * not {@link #ended} are forgotten.
     */
    public Verdict check(long now, Map<SessionId, Counted> live) {
        List<SessionId> close = new ArrayList<>();
        Map<NodeId, Long> refuse = new HashMap<>();
        history.keySet().retainAll(live.keySet());
        for (Map.Entry<SessionId, Counted> e : live.entrySet()) {
            SessionId session = e.getKey();
            Counted c = e.getValue();
            ArrayDeque<Observation> h = history.computeIfAbsent(session, s -> new ArrayDeque<>());
            h.addLast(new Observation(now, c.bytesToPeers(), c.bytesToClient()));
            // keep one observation at or before now − grace (the one judged), drop older ones
            long horizon = now - policy.graceMs();
            while (h.size() > 1) {
                Iterator<Observation> it = h.iterator();
                it.next();
                if (it.next().at() <= horizon) h.removeFirst();
                else break;
            }
            Observation judged = h.peekFirst();
            if (judged.at() > horizon) continue; // not watched for a whole grace yet
            if (uncovered(session, judged.toPeers(), judged.toClient())) {
                close.add(session);
                refuse.put(c.client(), now + policy.refuseForMs());
                history.remove(session);
            }
        }
        for (Iterator<Map.Entry<SessionId, Ended>> it = ended.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<SessionId, Ended> e = it.next();
            Ended x = e.getValue();
            if (now < x.judgeAt()) continue;
            it.remove();
            if (uncovered(e.getKey(), x.toPeers(), x.toClient())) refuse.put(x.client(), now + policy.refuseForMs());
        }
        refused.values().removeIf(until -> until <= now);
        refused.putAll(refuse);
        return new Verdict(List.copyOf(close), Map.copyOf(refuse));
    }

    /** A session ended with these final counts (the relay's); its final receipt is awaited {@code finalGraceMs}. */
    public void ended(long now, SessionId session, NodeId client, long bytesToPeers, long bytesToClient) {
        history.remove(session);
        ended.put(session, new Ended(client, now + policy.finalGraceMs(), bytesToPeers, bytesToClient));
    }

    /** Whether {@code client} is refused now. */
    public boolean refuses(long now, NodeId client) {
        Long until = refused.get(client);
        return until != null && now < until;
    }

    /** Sessions watched (live and ended), for bounds in tests. */
    public int watched() {
        return history.size() + ended.size();
    }

    private boolean uncovered(SessionId session, long toPeers, long toClient) {
        long missing = book.unreceipted(session, toPeers, toClient);
        return missing > policy.tolerance(toPeers + toClient);
    }
}
