package io.peerdial.p2p.testing;

import io.peerdial.location.map.OverlayAccess;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.kademlia.OverlayEvent.AppFailure;
import io.peerdial.overlay.kademlia.OverlayEvent.StoreCompleted;
import io.peerdial.overlay.kademlia.OverlayEvent.StoreReply;
import io.peerdial.overlay.kademlia.OverlayEvent.ValuesFound;
import io.peerdial.overlay.runtime.AppHandler;
import io.peerdial.overlay.runtime.AppRefusedException;
import io.peerdial.overlay.runtime.AppRequestFailedException;
import io.peerdial.overlay.storage.StoreStatus;
import io.peerdial.overlay.wire.Contact;
import io.peerdial.overlay.wire.ErrorMessage.ErrorCode;
import io.peerdial.p2p.route.OverlayPort;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.random.RandomGenerator;

/**
 * A deterministic in-memory overlay for the P2P tests: every node's lookups see every live node
 * (perfect routing), APP_REQUESTs run the receiver's handler at once, a dead node times out, and one
 * shared store stands for the DHT (what a real holder keeps: every raw entry; readers verify them).
 * Virtual time: {@link #advance} runs the map publishers' timers that fall due. Single-threaded.
 */
public final class FakeOverlay {

    private final Map<NodeId, Port> ports = new LinkedHashMap<>();
    private final Map<NodeId, List<byte[]>> stored = new HashMap<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(Comparator.comparingLong(Timer::at).thenComparingLong(Timer::seq));
    private final RandomGenerator random;
    private long now = 1_700_000_000_000L;
    private long timerSeq;
    private int requests;
    private boolean storeRefused;

    private record Timer(long at, long seq, Runnable task) {}

    public FakeOverlay(RandomGenerator random) {
        this.random = random;
    }

    /** A new live node with a random id at 127.0.0.1:(10000 + n). */
    public Port addNode() {
        NodeId id = NodeId.random(random);
        Port p = new Port(new Contact(id, new InetSocketAddress(InetAddress.getLoopbackAddress(), 10_000 + ports.size())));
        ports.put(id, p);
        return p;
    }

    public long now() {
        return now;
    }

    /** Moves the clock forward, running due timers in order. */
    public void advance(long ms) {
        long until = now + ms;
        while (!timers.isEmpty() && timers.peek().at() <= until) {
            Timer t = timers.poll();
            now = Math.max(now, t.at());
            t.task().run();
        }
        now = until;
    }

    /** APP_REQUESTs sent so far (all nodes). */
    public int requests() {
        return requests;
    }

    /** From now on every STORE is answered with silence (as with no holder reachable). */
    public void refuseStores(boolean refused) {
        storeRefused = refused;
    }

    /** The overlay as the DHT map sees it: a node's access to the shared store. */
    public OverlayAccess access() {
        return access(true);
    }

    /** An access whose timers never fire: its map never republishes (as when its node stopped). */
    public OverlayAccess accessWithoutTimers() {
        return access(false);
    }

    private OverlayAccess access(boolean timersRun) {
        return new OverlayAccess() {
            @Override
            public long now() {
                return now;
            }

            @Override
            public CompletableFuture<ValuesFound> findValue(NodeId key) {
                List<byte[]> values = List.copyOf(stored.getOrDefault(key, List.of()));
                return CompletableFuture.completedFuture(new ValuesFound(0, key, values, List.of(), 1, 1));
            }

            @Override
            public CompletableFuture<StoreCompleted> store(NodeId key, byte[] value) {
                if (storeRefused) return CompletableFuture.completedFuture(new StoreCompleted(0, key, List.of()));
                stored.computeIfAbsent(key, k -> new ArrayList<>()).add(value.clone());
                Contact holder = ports.values().iterator().next().self;
                return CompletableFuture.completedFuture(new StoreCompleted(0, key, List.of(new StoreReply(holder, StoreStatus.STORED, ""))));
            }

            @Override
            public void schedule(long at, Runnable task) {
                if (timersRun) timers.add(new Timer(at, timerSeq++, task));
            }
        };
    }

    /** One node's {@link OverlayPort}. */
    public final class Port implements OverlayPort {
        private final Contact self;
        private final Map<Integer, AppHandler> handlers = new HashMap<>();
        private boolean dead;
        private Contact impostor;

        Port(Contact self) {
            this.self = self;
        }

        /** A dead node answers nothing (requests to it time out) but stays in others' lookups. */
        public void kill() {
            dead = true;
        }

        /** Requests to this node are answered by another NodeId (as after a restart with a new identity). */
        public void answerAs(Contact other) {
            impostor = other;
        }

        public boolean serves(int service) {
            return handlers.containsKey(service);
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
            return now;
        }

        @Override
        public CompletableFuture<List<Contact>> closest(NodeId key) {
            List<Contact> out = ports.values().stream().filter(p -> p != this).map(p -> p.self)
                    .sorted((a, b) -> key.compareDistance(a.id(), b.id())).limit(20).toList();
            return CompletableFuture.completedFuture(out);
        }

        @Override
        public CompletableFuture<byte[]> request(Contact to, int service, byte[] payload) {
            requests++;
            Port target = ports.get(to.id());
            if (target == null || target.dead) return failed(AppFailure.TIMEOUT, "no answer");
            if (target.impostor != null) return failed(AppFailure.WRONG_NODE, "answered by " + target.impostor);
            AppHandler h = target.handlers.get(service);
            if (h == null) return failed(AppFailure.UNKNOWN_SERVICE, "no service " + service);
            CompletableFuture<byte[]> out = new CompletableFuture<>();
            h.handle(new AppHandler.Call(self.address(), self.id(), service, payload.clone())).whenComplete((answer, failure) -> {
                if (failure == null) {
                    out.complete(answer);
                    return;
                }
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                if (cause instanceof AppRefusedException r && r.code() == ErrorCode.UNKNOWN_SERVICE) {
                    out.completeExceptionally(new AppRequestFailedException(AppFailure.UNKNOWN_SERVICE, r.getMessage()));
                } else {
                    out.completeExceptionally(new AppRequestFailedException(AppFailure.REFUSED, String.valueOf(cause.getMessage())));
                }
            });
            return out;
        }

        @Override
        public void serve(int service, AppHandler handler) {
            handlers.put(service, handler);
        }

        @Override
        public void stopServing(int service) {
            handlers.remove(service);
        }
    }

    private static CompletableFuture<byte[]> failed(AppFailure reason, String detail) {
        return CompletableFuture.failedFuture(new AppRequestFailedException(reason, detail));
    }
}
