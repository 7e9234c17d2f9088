package io.peerdial.overlay.runtime;

import io.peerdial.overlay.identity.NodeId;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

/**
 * Serves one application service on an {@link OverlayRuntime} ({@link OverlayRuntime#serve}).
 * Called on the loop thread: return a completed stage to answer at once, or a stage completed later
 * (on any thread) for slow work. A stage that fails with {@link AppRefusedException} sends that
 * ERROR; any other failure sends ERROR OVERLOADED.
 */
@FunctionalInterface
public interface AppHandler {

    /** One APP_REQUEST: {@code sender} is the NodeId its header claims (unproved). */
    record Call(InetSocketAddress from, NodeId sender, int service, byte[] payload) {}

    CompletionStage<byte[]> handle(Call call);
}
