package io.peerdial.relay.admission;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.relay.credentials.TurnUsername;
import io.peerdial.relay.server.AllocationGate;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * {@link AdmissionPolicy} as the TURN core's {@link AllocationGate}: the requester is the NodeId in
 * the credential's username ({@link TurnUsername}); its balance comes from {@code balances}, which
 * the driver fills when the node asked for credentials (docs/INCENTIVES.md: the lookup is
 * asynchronous, the gate must not block, so an unknown node counts as a newcomer with balance 0).
 * Keeps the counts the policy needs (sessions per requester, unfunded sessions per prefix) from
 * the core's opened/closed calls. Deterministic.
 *
 * <p>Threads: {@link #check}, {@link #opened}, {@link #closed} and the counts run on the TURN core's
 * thread (the relay thread); {@link #measured} is called by the driver's timer on another thread, so
 * the rate it sets is a volatile field (it was a plain long: the relay thread could keep a stale rate
 * forever, and a long write is not even atomic without volatile, JLS §17.7).
 */
public final class RelayAdmission implements AllocationGate {
    private final AdmissionPolicy policy;
    private final ToLongFunction<NodeId> balances;
    private final Predicate<NodeId> puzzlePaid;
    private final Map<InetSocketAddress, Held> byRelayed = new HashMap<>();
    private final Map<NodeId, Integer> perRequester = new HashMap<>();
    private final Map<String, Integer> unfundedPerPrefix = new HashMap<>();
    private final Map<String, AdmissionRequest> lastChecked = new HashMap<>();
    private volatile long measuredBytesPerSecond;

    private record Held(NodeId requester, String prefix, boolean unfunded) {}

    public RelayAdmission(AdmissionPolicy policy, ToLongFunction<NodeId> balances, Predicate<NodeId> puzzlePaid) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.balances = Objects.requireNonNull(balances, "balances");
        this.puzzlePaid = Objects.requireNonNull(puzzlePaid, "puzzlePaid");
    }

    /** The relayed rate the driver measured lately (bytes/s, both directions); any thread. */
    public void measured(long bytesPerSecond) {
        this.measuredBytesPerSecond = Math.max(0, bytesPerSecond);
    }

    /** The requester a TURN username stands for: its NodeId, or a hash of a static username. */
    public static NodeId requesterOf(String username) {
        return TurnUsername.parse(username).map(TurnUsername::node)
                .orElseGet(() -> NodeId.sha256Prefix(("turn-user:" + username).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public Refusal check(long now, String username, InetSocketAddress client, int allocations) {
        NodeId requester = requesterOf(username);
        AdmissionRequest request = new AdmissionRequest(requester, balances.applyAsLong(requester),
                Prefixes.of(client.getAddress()), puzzlePaid.test(requester));
        Decision d = policy.decide(new RelayLoad(byRelayed.size(), measuredBytesPerSecond), request,
                perRequester.getOrDefault(requester, 0), unfundedPerPrefix.getOrDefault(request.prefix(), 0));
        if (d instanceof Decision.Refuse r) {
            return new Refusal(r.code(), r.reason());
        }
        lastChecked.put(username, request);
        return null;
    }

    @Override
    public void opened(long now, String username, InetSocketAddress client, InetSocketAddress relayed) {
        AdmissionRequest r = lastChecked.remove(username);
        NodeId requester = r == null ? requesterOf(username) : r.requester();
        String prefix = r == null ? Prefixes.of(client.getAddress()) : r.prefix();
        boolean unfunded = r == null || r.unfunded();
        byRelayed.put(relayed, new Held(requester, prefix, unfunded));
        perRequester.merge(requester, 1, Integer::sum);
        if (unfunded) unfundedPerPrefix.merge(prefix, 1, Integer::sum);
    }

    @Override
    public void closed(long now, String username, InetSocketAddress client, InetSocketAddress relayed) {
        Held h = byRelayed.remove(relayed);
        if (h == null) return;
        perRequester.computeIfPresent(h.requester, (k, n) -> n <= 1 ? null : n - 1);
        if (h.unfunded) unfundedPerPrefix.computeIfPresent(h.prefix, (k, n) -> n <= 1 ? null : n - 1);
    }

    public int sessions() {
        return byRelayed.size();
    }

    public int sessionsOf(NodeId requester) {
        return perRequester.getOrDefault(requester, 0);
    }
}
