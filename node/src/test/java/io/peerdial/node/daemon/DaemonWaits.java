package io.peerdial.node.daemon;

import io.peerdial.testkit.runtime.Polling;
import java.time.Duration;

/** Waits of the real-socket tests that start {@link NodeDaemon}s on loopback. */
public final class DaemonWaits {

    private DaemonWaits() {
    }

    /** Until every node knows at least one other (its join answered); 10 s at most. */
    public static void contacts(NodeDaemon... nodes) throws Exception {
        for (NodeDaemon n : nodes) {
            Polling.await(Duration.ofSeconds(10), "nodes see each other", () -> n.runtime().status().join().contacts() > 0);
        }
    }
}
