package io.peerdial.location.overlay;

import io.peerdial.location.map.OverlayAccess;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.kademlia.OverlayEvent;
import io.peerdial.overlay.kademlia.OverlayEvent.StoreCompleted;
import io.peerdial.overlay.kademlia.OverlayEvent.ValuesFound;
import io.peerdial.overlay.kademlia.OverlayNode;
import io.peerdial.testkit.InMemoryNetwork;
import io.peerdial.testkit.NodeHandle;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@link OverlayAccess} on one node of an {@link InMemoryNetwork}: virtual clock, the network's
 * scheduler as timer, futures completed from the node's events. Takes over the handle's event listener.
 */
public final class InMemoryOverlayAccess implements OverlayAccess {

    private final InMemoryNetwork net;
    private final NodeHandle<OverlayNode, OverlayEvent> node;
    private final Map<Long, CompletableFuture<OverlayEvent>> pending = new HashMap<>();
    private final Map<Long, OverlayEvent> early = new HashMap<>();

    public InMemoryOverlayAccess(InMemoryNetwork net, NodeHandle<OverlayNode, OverlayEvent> node) {
        this.net = net;
        this.node = node;
        node.recordEvents(false).onEvent(this::onEvent);
    }

    public NodeHandle<OverlayNode, OverlayEvent> node() {
        return node;
    }

    @Override
    public long now() {
        return net.now();
    }

    @Override
    public CompletableFuture<ValuesFound> findValue(NodeId key) {
        return register(net.call(node, (core, now) -> core.findValue(now, key))).thenApply(ValuesFound.class::cast);
    }

    @Override
    public CompletableFuture<StoreCompleted> store(NodeId key, byte[] value) {
        byte[] copy = value.clone();
        return register(net.call(node, (core, now) -> core.store(now, key, copy))).thenApply(StoreCompleted.class::cast);
    }

    @Override
    public void schedule(long at, Runnable task) {
        net.schedule(Math.max(at, net.now()), () -> {
            if (node.isAlive()) task.run(); // a dead node's owner does not refresh
        });
    }

    private CompletableFuture<OverlayEvent> register(long lookupId) {
        CompletableFuture<OverlayEvent> f = new CompletableFuture<>();
        OverlayEvent done = early.remove(lookupId);
        if (done != null) {
            f.complete(done);
        } else {
            pending.put(lookupId, f);
        }
        return f;
    }

    private void onEvent(OverlayEvent event) {
        long id;
        if (event instanceof ValuesFound e) {
            id = e.lookupId();
        } else if (event instanceof StoreCompleted e) {
            id = e.lookupId();
        } else {
            return;
        }
        CompletableFuture<OverlayEvent> f = pending.remove(id);
        if (f != null) {
            f.complete(event);
        } else {
            early.put(id, event); // finished inside the call that started it
        }
    }
}
