package io.peerdial.location.runtime;

import io.peerdial.location.map.OverlayAccess;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.kademlia.OverlayEvent.StoreCompleted;
import io.peerdial.overlay.kademlia.OverlayEvent.ValuesFound;
import io.peerdial.overlay.runtime.OverlayRuntime;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link OverlayAccess} on a real {@link OverlayRuntime}: the wall clock, the runtime's futures,
 * and one daemon timer thread for refreshes (it only submits work; the overlay runs on its loop).
 * Close it before the runtime.
 */
public final class RuntimeOverlayAccess implements OverlayAccess, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RuntimeOverlayAccess.class);

    private final OverlayRuntime runtime;
    private final ScheduledExecutorService timer;

    public RuntimeOverlayAccess(OverlayRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "peerdial-location-timer");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public long now() {
        return System.currentTimeMillis();
    }

    @Override
    public CompletableFuture<ValuesFound> findValue(NodeId key) {
        return runtime.findValue(key);
    }

    @Override
    public CompletableFuture<StoreCompleted> store(NodeId key, byte[] value) {
        return runtime.store(key, value);
    }

    @Override
    public void schedule(long at, Runnable task) {
        if (timer.isShutdown()) return;
        timer.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("scheduled location task failed: {}", e.toString(), e);
            }
        }, Math.max(0, at - now()), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
