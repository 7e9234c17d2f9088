package io.peerdial.relay.credit;

import io.peerdial.location.map.DhtMap;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.relay.receipt.Receipt;
import io.peerdial.relay.receipt.ReceiptCodec;
import io.peerdial.relay.receipt.SessionId;
import io.peerdial.relay.receipt.SignedReceipt;
import io.peerdial.relay.wire.RelayWireException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * Where receipts live: in the DHT, through the map API, under the <em>receipt key</em> of both
 * parties, SHA-256("peerdial-receipts:" + NodeId hex) (docs/INCENTIVES.md, "Where receipts live").
 * A relay publishes the latest receipt of each session under its own key (its credit) and under
 * the client's key (the client's debit); a newer receipt of a session replaces the older one (a
 * tombstone, then the new value). One lookup of a node's key gives both sides of its balance.
 *
 * <p>A relay could publish its credit and hide its clients' debits. {@link #evidence} therefore
 * spot-checks: it samples counterparts that gave the node credit and drops the credit of every
 * sampled counterpart under whose own key the receipts are missing. Hiding debits is caught with
 * a probability that grows with the share of credit involved, and costs all credit from that client.
 *
 * <p>Everything goes through {@link DhtMap}, so it runs on the UDP runtime and on the in-memory
 * network alike; no IO here.
 */
public final class ReceiptDirectory {

    /** The DHT key under which receipts involving {@code node} are published. */
    public static NodeId keyOf(NodeId node) {
        return NodeId.sha256Prefix(("peerdial-receipts:" + node.toHex()).getBytes(StandardCharsets.US_ASCII));
    }

    private final DhtMap map;
    private final Map<SessionId, SignedReceipt> published = new HashMap<>();

    /** {@code map} is signed by the publishing relay's node key. */
    public ReceiptDirectory(DhtMap map) {
        this.map = Objects.requireNonNull(map, "map");
    }

    /**
     * Publishes {@code r} (a receipt this relay keeps) under the relay's and the client's keys,
     * removing the previous receipt of the same session first.
     */
    public CompletableFuture<Void> publish(SignedReceipt r) {
        Receipt receipt = r.receipt();
        byte[] value = ReceiptCodec.encode(r);
        SignedReceipt previous = published.put(receipt.session(), r);
        CompletableFuture<Void> removed = CompletableFuture.completedFuture(null);
        if (previous != null && !previous.equals(r)) {
            byte[] old = ReceiptCodec.encode(previous);
            removed = CompletableFuture.allOf(map.remove(keyOf(receipt.relay()), old), map.remove(keyOf(receipt.clientId()), old));
        }
        return removed.thenCompose(v -> CompletableFuture.allOf(
                map.add(keyOf(receipt.relay()), value), map.add(keyOf(receipt.clientId()), value)));
    }

    /** Stops republishing {@code session}'s receipt (after the credit window) and removes it. */
    public CompletableFuture<Void> retire(SessionId session) {
        SignedReceipt r = published.remove(session);
        if (r == null) return CompletableFuture.completedFuture(null);
        byte[] value = ReceiptCodec.encode(r);
        return CompletableFuture.allOf(map.remove(keyOf(r.receipt().relay()), value),
                map.remove(keyOf(r.receipt().clientId()), value));
    }

    /** Every valid receipt under {@code node}'s key that involves {@code node}; others are dropped. */
    public CompletableFuture<List<SignedReceipt>> receiptsOf(NodeId node) {
        return map.get(keyOf(node)).thenApply(values -> {
            List<SignedReceipt> out = new ArrayList<>();
            for (byte[] v : values) {
                try {
                    SignedReceipt r = ReceiptCodec.decode(v);
                    if (r.receipt().relay().equals(node) || r.receipt().clientId().equals(node)) out.add(r);
                } catch (RelayWireException e) {
                    // another owner's junk under the key: not evidence
                }
            }
            return out;
        });
    }

    /**
     * The receipts to weigh {@code node}'s balance with: its key's receipts, minus the credit from
     * up to {@code samples} counterparts (chosen by {@code random}, larger credit more likely) whose
     * own key does not hold the same receipts.
     */
    public CompletableFuture<List<SignedReceipt>> evidence(NodeId node, int samples, RandomGenerator random) {
        return receiptsOf(node).thenCompose(all -> {
            Map<NodeId, List<SignedReceipt>> creditBy = new HashMap<>();
            for (SignedReceipt r : all) {
                if (r.receipt().relay().equals(node)) {
                    creditBy.computeIfAbsent(r.receipt().clientId(), k -> new ArrayList<>()).add(r);
                }
            }
            List<NodeId> sampled = sample(creditBy, samples, random);
            List<CompletableFuture<Boolean>> checks = new ArrayList<>();
            for (NodeId client : sampled) {
                Set<SignedReceipt> claimed = new HashSet<>(creditBy.get(client));
                checks.add(receiptsOf(client).thenApply(theirs -> theirs.containsAll(claimed)));
            }
            return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).thenApply(v -> {
                Set<NodeId> refuted = new HashSet<>();
                for (int i = 0; i < sampled.size(); i++) {
                    if (!checks.get(i).join()) refuted.add(sampled.get(i));
                }
                return all.stream().filter(r -> !(r.receipt().relay().equals(node) && refuted.contains(r.receipt().clientId())))
                        .toList();
            });
        });
    }

    /** Weighted sampling without replacement, deterministic for a seeded {@code random}. */
    static List<NodeId> sample(Map<NodeId, List<SignedReceipt>> creditBy, int samples, RandomGenerator random) {
        List<Map.Entry<NodeId, Long>> pool = new ArrayList<>();
        creditBy.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder())) // stable order
                .forEach(e -> pool.add(Map.entry(e.getKey(),
                        Math.max(1, e.getValue().stream().mapToLong(r -> r.receipt().totalBytes()).max().orElse(1)))));
        List<NodeId> out = new ArrayList<>();
        while (out.size() < samples && !pool.isEmpty()) {
            double total = pool.stream().mapToDouble(Map.Entry::getValue).sum();
            double x = random.nextDouble() * total;
            int i = 0;
            for (; i < pool.size() - 1 && (x -= pool.get(i).getValue()) >= 0; i++) { }
            out.add(pool.remove(i).getKey());
        }
        return out;
    }
}
