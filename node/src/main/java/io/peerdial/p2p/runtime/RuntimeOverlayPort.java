package io.peerdial.p2p.runtime;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.runtime.AppHandler;
import io.peerdial.overlay.runtime.OverlayRuntime;
import io.peerdial.overlay.wire.Contact;
import io.peerdial.p2p.route.OverlayPort;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * {@link OverlayPort} on a running {@link OverlayRuntime}: its lookups and APP messages, the wall
 * clock. Futures complete on the runtime's loop thread (see {@link OverlayRuntime}).
 */
public final class RuntimeOverlayPort implements OverlayPort {

    private final OverlayRuntime runtime;
    private final Contact self;

    /**
     * @param advertised the address other nodes reach this one at (a wildcard bind has none of its own:
     *                   then give the address to publish)
     */
    public RuntimeOverlayPort(OverlayRuntime runtime, InetAddress advertised) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        InetSocketAddress local = runtime.localAddress();
        InetAddress host = advertised != null ? advertised : local.getAddress();
        if (host.isAnyLocalAddress()) throw new IllegalArgumentException("a wildcard address cannot be advertised: give one");
        this.self = new Contact(runtime.nodeId(), new InetSocketAddress(host, local.getPort()));
    }

    public RuntimeOverlayPort(OverlayRuntime runtime) {
        this(runtime, null);
    }

    @Override
    public NodeId self() {
        return self.id();
    }

    @Override
    public Contact selfContact() {
        return self;
    }

    @Override
    public long now() {
        return System.currentTimeMillis();
    }

    @Override
    public CompletableFuture<List<Contact>> closest(NodeId key) {
        return runtime.findNode(key).thenApply(done -> done.closest().stream().filter(c -> !c.id().equals(self.id())).toList());
    }

    @Override
    public CompletableFuture<byte[]> request(Contact to, int service, byte[] payload) {
        return runtime.appRequest(to.address(), to.id(), service, payload);
    }

    @Override
    public void serve(int service, AppHandler handler) {
        runtime.serve(service, handler).join(); // before the first request may arrive
    }

    @Override
    public void stopServing(int service) {
        try {
            runtime.stopServing(service).join();
        } catch (RuntimeException closed) {
            // the runtime closed first: nothing is served any more
        }
    }
}
