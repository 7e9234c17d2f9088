package io.peerdial.simulator.metrics;

import io.peerdial.overlay.identity.NodeId;
import java.util.TreeSet;

/**
 * The simulator's ground truth: the IDs of live nodes, and which of them is XOR-closest to a
 * target. Sorted order alone does not answer that (the XOR-closest ID need not be a neighbour of
 * the target in sorted order), so the search walks down the implicit binary trie: it finds the
 * longest prefix the target shares with any live ID (always reached by a sorted neighbour); every
 * live ID with that prefix differs from the target in the next bit, so flipping that bit of the
 * target does not change their order by distance; repeat until the target is itself live.
 * Each step fixes at least one more bit; in practice a handful of O(log n) steps.
 */
public final class ClosestLive {

    private static final NodeId[] SINGLE_BITS = new NodeId[NodeId.BITS];

    static {
        for (int i = 0; i < NodeId.BITS; i++) {
            byte[] b = new byte[NodeId.BYTES];
            b[i / 8] = (byte) (0x80 >>> (i % 8));
            SINGLE_BITS[i] = NodeId.fromBytes(b);
        }
    }

    private final TreeSet<NodeId> live = new TreeSet<>();

    public void add(NodeId id) {
        live.add(id);
    }

    public void remove(NodeId id) {
        live.remove(id);
    }

    public int size() {
        return live.size();
    }

    /** The live ID closest to {@code target} other than {@code exclude} (may be null), or null if none. */
    public NodeId closest(NodeId target, NodeId exclude) {
        boolean removed = exclude != null && live.remove(exclude);
        try {
            return closest(target);
        } finally {
            if (removed) live.add(exclude);
        }
    }

    /** Up to {@code n} live IDs closest to {@code target}, closest first. */
    public java.util.List<NodeId> closest(NodeId target, int n) {
        java.util.List<NodeId> out = new java.util.ArrayList<>(n);
        try {
            for (NodeId c; out.size() < n && (c = closest(target)) != null; ) {
                out.add(c);
                live.remove(c); // so that the next walk finds the next closest
            }
            return out;
        } finally {
            live.addAll(out);
        }
    }

    private NodeId closest(NodeId target) {
        if (live.isEmpty()) return null;
        NodeId t = target;
        while (true) {
            NodeId up = live.ceiling(t);
            NodeId down = live.floor(t);
            int lcp = Math.max(up == null ? -1 : up.commonPrefixLength(t), down == null ? -1 : down.commonPrefixLength(t));
            if (lcp == NodeId.BITS) return t.equals(up) ? up : down;
            t = t.xor(SINGLE_BITS[lcp]);
        }
    }
}
