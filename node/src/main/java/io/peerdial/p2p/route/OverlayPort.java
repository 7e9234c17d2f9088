package io.peerdial.p2p.route;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.runtime.AppHandler;
import io.peerdial.overlay.wire.Contact;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What key routing and groups need from a running overlay node. {@code io.peerdial.p2p.runtime.RuntimeOverlayPort}
 * adapts an {@code OverlayRuntime}; tests use an in-memory fake, so the routing logic runs the same on
 * sockets and in deterministic tests.
 */
public interface OverlayPort {

    /** This node's id. */
    NodeId self();

    /** This node's overlay address (what others send APP_REQUESTs to). */
    Contact selfContact();

    /** The driver's clock in ms (wall clock on sockets, virtual in tests). */
    long now();

    /** An iterative lookup: live contacts closest to {@code key}, closest first, without this node. */
    CompletableFuture<List<Contact>> closest(NodeId key);

    /**
     * One APP_REQUEST to {@code to}; completes with the answer's payload or fails with
     * {@code AppRequestFailedException} (no answer, refused, wrong node, unknown service).
     */
    CompletableFuture<byte[]> request(Contact to, int service, byte[] payload);

    /** Answers APP_REQUESTs for {@code service} with {@code handler} (on the driver's thread: it must not block). */
    void serve(int service, AppHandler handler);

    /** Stops answering {@code service}. */
    void stopServing(int service);
}
