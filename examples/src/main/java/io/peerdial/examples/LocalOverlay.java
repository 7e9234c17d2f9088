package io.peerdial.examples;

import io.peerdial.p2p.runtime.P2PNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A small overlay of in-process nodes on 127.0.0.1 for the examples: the first node starts a new
 * overlay, the others join through it; each node keeps its identity in {@code dir/nodeN}.
 */
public final class LocalOverlay implements AutoCloseable {

    private final List<P2PNode> nodes = new ArrayList<>();

    private LocalOverlay() {}

    /** Starts {@code count} nodes and waits until each knows all the others. */
    public static LocalOverlay start(Path dir, int count, Duration timeout) throws IOException, InterruptedException {
        if (count < 1) throw new IllegalArgumentException("count must be positive, got " + count);
        LocalOverlay overlay = new LocalOverlay();
        try {
            P2PNode first = P2PNode.start(P2PNode.Options.loopback(dir.resolve("node0"), List.of()));
            overlay.nodes.add(first);
            for (int i = 1; i < count; i++) {
                overlay.nodes.add(P2PNode.start(P2PNode.Options.loopback(dir.resolve("node" + i), List.of(first.overlayAddress()))));
            }
            for (P2PNode node : overlay.nodes) node.awaitContacts(count - 1, timeout);
            return overlay;
        } catch (IOException | InterruptedException | RuntimeException e) {
            overlay.close();
            throw e;
        }
    }

    /** The nodes, the first one being the bootstrap node. */
    public List<P2PNode> nodes() {
        return List.copyOf(nodes);
    }

    /** Stops every node. */
    @Override
    public void close() {
        nodes.forEach(P2PNode::close);
    }
}
