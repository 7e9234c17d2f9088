package io.peerdial.relay.admission;

import io.peerdial.relay.admission.Decision.Cause;
import io.peerdial.relay.admission.Decision.Refuse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The admission rule, a pure function of the caps, the rules, the load and the request (the
 * simulator runs exactly this). In order:
 * <ol>
 *   <li>operator caps: gives nothing, session cap, bandwidth cap → 508 (RFC 8656 §7.2 Insufficient Capacity);</li>
 *   <li>sessions of this requester at their cap → 486 (Allocation Quota Reached);</li>
 *   <li>balance below what the load requires → 486: below {@code freeBelow} utilisation anyone within the
 *       newcomer allowance gets in, above it the bar rises to {@code balanceAtFullLoad}, so the last
 *       free slots go to the requesters who relayed most for others;</li>
 *   <li>unfunded requesters (balance ≤ 0): the puzzle if required, and the per-prefix allowance → 486.</li>
 * </ol>
 * {@link #decideInOrder} admits a batch of concurrent requests highest balance first.
 */
public final class AdmissionPolicy {
    private final RelayCaps caps;
    private final AdmissionRules rules;

    public AdmissionPolicy(RelayCaps caps, AdmissionRules rules) {
        this.caps = Objects.requireNonNull(caps, "caps");
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public RelayCaps caps() {
        return caps;
    }

    public AdmissionRules rules() {
        return rules;
    }

    /**
     * @param requesterSessions sessions the requester holds here now
     * @param unfundedOnPrefix  unfunded sessions held now by requesters of the request's prefix
     */
    public Decision decide(RelayLoad load, AdmissionRequest r, int requesterSessions, int unfundedOnPrefix) {
        if (caps.givesNothing()) {
            return new Refuse(508, Cause.GIVES_NOTHING, "Insufficient Capacity: this relay gives no relaying");
        }
        if (load.sessions() >= caps.maxSessions()) {
            return new Refuse(508, Cause.SESSION_CAP, "Insufficient Capacity: relay session cap reached");
        }
        long committed = Math.max(load.measuredBytesPerSecond(), (long) load.sessions() * caps.bytesPerSecondPerSession());
        if (committed + caps.bytesPerSecondPerSession() > caps.maxBytesPerSecond()) {
            return new Refuse(508, Cause.BANDWIDTH_CAP, "Insufficient Capacity: relay bandwidth cap reached");
        }
        if (requesterSessions >= caps.maxSessionsPerRequester()) {
            return new Refuse(486, Cause.REQUESTER_SESSIONS, "Allocation Quota Reached: sessions per node");
        }
        double utilisation = Math.max((load.sessions() + 1) / (double) caps.maxSessions(),
                (committed + caps.bytesPerSecondPerSession()) / (double) caps.maxBytesPerSecond());
        long required = rules.requiredBalance(utilisation);
        if (r.balance() < required) {
            return new Refuse(486, Cause.BALANCE_TOO_LOW, "Allocation Quota Reached: balance " + r.balance()
                    + " below " + required + " needed at " + Math.round(utilisation * 100) + "% load");
        }
        if (r.unfunded()) {
            if (rules.requirePuzzle() && !r.puzzlePaid()) {
                return new Refuse(486, Cause.NO_PUZZLE, "Allocation Quota Reached: newcomer identity without puzzle");
            }
            if (unfundedOnPrefix >= rules.unfundedPerPrefix()) {
                return new Refuse(486, Cause.PREFIX_ALLOWANCE_USED, "Allocation Quota Reached: newcomer allowance of this network in use");
            }
        }
        return Decision.ADMIT;
    }

    /** Highest balance first, ties by NodeId: the order a loaded relay serves a batch in. */
    public static final Comparator<AdmissionRequest> PRIORITY =
            Comparator.comparingLong(AdmissionRequest::balance).reversed().thenComparing(AdmissionRequest::requester);

    /**
     * Decides a batch of concurrent requests in {@link #PRIORITY} order, each admitted one adding to
     * the load, the requester's and its prefix's counts. Returns decisions in the order of {@code requests}.
     */
    public List<Decision> decideInOrder(RelayLoad load, List<AdmissionRequest> requests,
                                        Map<io.peerdial.overlay.identity.NodeId, Integer> sessionsByRequester,
                                        Map<String, Integer> unfundedByPrefix) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) order.add(i);
        order.sort(Comparator.comparing(requests::get, PRIORITY));
        Map<io.peerdial.overlay.identity.NodeId, Integer> perRequester = new HashMap<>(sessionsByRequester);
        Map<String, Integer> perPrefix = new HashMap<>(unfundedByPrefix);
        Decision[] out = new Decision[requests.size()];
        int sessions = load.sessions();
        long measured = load.measuredBytesPerSecond();
        for (int i : order) {
            AdmissionRequest r = requests.get(i);
            Decision d = decide(new RelayLoad(sessions, measured), r, perRequester.getOrDefault(r.requester(), 0),
                    perPrefix.getOrDefault(r.prefix(), 0));
            if (d instanceof Decision.Admit) {
                sessions++;
                measured += measured == 0 ? 0 : caps.bytesPerSecondPerSession();
                perRequester.merge(r.requester(), 1, Integer::sum);
                if (r.unfunded()) perPrefix.merge(r.prefix(), 1, Integer::sum);
            }
            out[i] = d;
        }
        return List.of(out);
    }
}
