package io.peerdial.relay.advert;

import io.peerdial.overlay.identity.NodeId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the relays a node uses, sans-IO: nearby (measured RTT) and lightly loaded, with a second
 * choice for ICE restarts when the first fails mid-call (ARCHITECTURE.md, A call, step 4).
 *
 * <p>Feed it adverts ({@link #offer}), RTTs the driver measured to the relays {@link #toProbe}
 * named ({@link #measured}), and failures ({@link #failed}: excluded for {@code failureBackoffMs}).
 * Score = RTT × (1 + {@code loadWeight} × load), lower is better; adverts without capacity for
 * {@code bytesPerSecondNeeded} or without an RTT are not chosen. The second choice prefers a relay
 * in another network (/24 or /48) than the first, so one outage rarely takes both.
 */
public final class RelaySelector {
    private final long bytesPerSecondNeeded;
    private final double loadWeight;
    private final long failureBackoffMs;
    private final Map<NodeId, RelayAdvert> adverts = new HashMap<>();
    private final Map<NodeId, Long> rttMs = new HashMap<>();
    private final Map<NodeId, Long> failedUntil = new HashMap<>();

    public record Selection(RelayAdvert primary, Optional<RelayAdvert> secondary) {}

    public RelaySelector(long bytesPerSecondNeeded, double loadWeight, long failureBackoffMs) {
        if (bytesPerSecondNeeded < 0 || !(loadWeight >= 0) || failureBackoffMs < 0) throw new IllegalArgumentException("bad selector settings");
        this.bytesPerSecondNeeded = bytesPerSecondNeeded;
        this.loadWeight = loadWeight;
        this.failureBackoffMs = failureBackoffMs;
    }

    /** Adverts replace earlier ones of the same relay if newer. */
    public void offer(List<RelayAdvert> found) {
        for (RelayAdvert a : found) {
            adverts.merge(a.relayId(), a, (old, neu) -> neu.issuedAt() >= old.issuedAt() ? neu : old);
        }
    }

    public void measured(NodeId relay, long rtt) {
        if (rtt < 0) throw new IllegalArgumentException("negative RTT");
        rttMs.put(relay, rtt);
    }

    public void failed(long now, NodeId relay) {
        failedUntil.put(relay, now + failureBackoffMs);
    }

    /** Up to {@code limit} usable relays without an RTT yet, least loaded first: the driver pings them. */
    public List<RelayAdvert> toProbe(long now, int limit) {
        return usable(now).filter(a -> !rttMs.containsKey(a.relayId()))
                .sorted(Comparator.comparingInt(RelayAdvert::loadPermille).thenComparing(RelayAdvert::relayId))
                .limit(limit).toList();
    }

    public Optional<Selection> choose(long now) {
        List<RelayAdvert> ranked = new ArrayList<>(usable(now).filter(a -> rttMs.containsKey(a.relayId()))
                .sorted(Comparator.comparingDouble(this::score).thenComparing(RelayAdvert::relayId)).toList());
        if (ranked.isEmpty()) return Optional.empty();
        RelayAdvert primary = ranked.remove(0);
        String network = network(primary);
        Optional<RelayAdvert> secondary = ranked.stream().filter(a -> !network(a).equals(network)).findFirst()
                .or(() -> ranked.stream().findFirst());
        return Optional.of(new Selection(primary, secondary));
    }

    double score(RelayAdvert a) {
        return rttMs.get(a.relayId()) * (1 + loadWeight * a.loadPermille() / 1000.0);
    }

    private java.util.stream.Stream<RelayAdvert> usable(long now) {
        return adverts.values().stream().filter(a -> a.hasCapacity(bytesPerSecondNeeded))
                .filter(a -> failedUntil.getOrDefault(a.relayId(), Long.MIN_VALUE) <= now);
    }

    private static String network(RelayAdvert a) {
        return io.peerdial.relay.admission.Prefixes.of(a.turn().getAddress());
    }

    public int known() {
        return adverts.size();
    }
}
