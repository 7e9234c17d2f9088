package io.peerdial.p2p.group;

import io.peerdial.location.map.DhtMap;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.runtime.AppHandler;
import io.peerdial.overlay.runtime.AppRefusedException;
import io.peerdial.overlay.wire.ErrorMessage.ErrorCode;
import io.peerdial.p2p.base.Blocking;
import io.peerdial.p2p.base.P2PException;
import io.peerdial.p2p.base.WireFormatException;
import io.peerdial.p2p.route.OverlayPort;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * This node's groups: {@link #join} a group by name, get a {@link GroupSocket}. Membership is a
 * signed {@link Member} value per member under the group's DHT key {@code DhtMap.key("group:" + name)},
 * added with {@link Settings#memberTtl()} and republished by the map until the member leaves (or its
 * node stops: then it expires). Messages travel as APP_REQUESTs to {@link GroupDatagram#SERVICE},
 * fanned out by the members themselves ({@link FanOut}): there is no group server.
 *
 * <pre>{@code
 * try (GroupSocket chat = node.groups().join("lobby", Duration.ofSeconds(5))) {
 *     chat.send("hello".getBytes(UTF_8), Duration.ofSeconds(5));
 *     GroupMessage m = chat.receive(Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class Groups implements AutoCloseable {

    /**
     * Tuning: how long a membership entry lives between republishes, how old a cached member list
     * may be before a send reads it again, how many members each node hands a message to, and how
     * many received messages a socket queues.
     */
    public record Settings(Duration memberTtl, Duration viewMaxAge, int fanout, int inboxCapacity) {
        public static final Settings DEFAULT = new Settings(Duration.ofMinutes(2), Duration.ofSeconds(5), 8, 1_024);

        public Settings {
            Objects.requireNonNull(memberTtl, "memberTtl");
            Objects.requireNonNull(viewMaxAge, "viewMaxAge");
            if (memberTtl.isNegative() || memberTtl.isZero() || memberTtl.compareTo(DhtMap.MAX_TTL) > 0) {
                throw new IllegalArgumentException("memberTtl must be in (0, " + DhtMap.MAX_TTL + "], got " + memberTtl);
            }
            if (viewMaxAge.isNegative()) throw new IllegalArgumentException("viewMaxAge must not be negative");
            if (fanout < 1) throw new IllegalArgumentException("fanout must be positive, got " + fanout);
            if (inboxCapacity < 1) throw new IllegalArgumentException("inboxCapacity must be positive, got " + inboxCapacity);
        }
    }

    private final OverlayPort port;
    private final DhtMap map;
    private final RandomGenerator random;
    private final Settings settings;
    private final Map<NodeId, GroupSocket> joined = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Serves {@link GroupDatagram#SERVICE} on {@code port}; membership entries are written through {@code map}. */
    public Groups(OverlayPort port, DhtMap map, RandomGenerator random, Settings settings) {
        this.port = Objects.requireNonNull(port, "port");
        this.map = Objects.requireNonNull(map, "map");
        this.random = Objects.requireNonNull(random, "random");
        this.settings = Objects.requireNonNull(settings, "settings");
        port.serve(GroupDatagram.SERVICE, this::onRequest);
    }

    /** The DHT key under which {@code group}'s members are listed. */
    public static NodeId key(String group) {
        return DhtMap.key("group:" + Objects.requireNonNull(group, "group"));
    }

    /**
     * Joins {@code group}: publishes this node's membership entry, then returns a socket. Fails with
     * NOT_STORED when no DHT node stored the entry, CLOSED after {@link #close}; joining a group twice
     * is an {@link IllegalStateException}.
     */
    public CompletableFuture<GroupSocket> joinAsync(String group) {
        if (group == null || group.isEmpty()) throw new IllegalArgumentException("group name must not be empty");
        if (closed) return CompletableFuture.failedFuture(new P2PException(P2PException.Reason.CLOSED, "groups closed"));
        NodeId key = key(group);
        GroupSocket socket = new GroupSocket(group, key, port, map, random, settings, this);
        if (joined.putIfAbsent(key, socket) != null) throw new IllegalStateException("already a member of " + group);
        byte[] entry = MemberCodec.encode(new Member(port.selfContact()));
        return Blocking.translated(map.add(key, entry, settings.memberTtl())
                .handle((done, failure) -> {
                    if (failure == null) return socket;
                    joined.remove(key, socket);
                    socket.closeInbox();
                    // the map would keep retrying the entry in the background: withdraw it (best effort)
                    map.remove(key, entry).exceptionally(e -> null);
                    throw Blocking.translate(failure);
                }));
    }

    /** Blocking {@link #joinAsync}. */
    public GroupSocket join(String group, Duration timeout) {
        Blocking.checkTimeout(timeout);
        return Blocking.await(joinAsync(group), timeout);
    }

    /**
     * Leaves every group and stops serving group messages; the returned future completes when every
     * removal is stored (or failed: the entries then expire on their own). Idempotent.
     */
    public CompletableFuture<Void> closeAsync() {
        if (closed) return CompletableFuture.completedFuture(null);
        closed = true;
        port.stopServing(GroupDatagram.SERVICE);
        CompletableFuture<?>[] leaves = joined.values().stream()
                .map(s -> s.leaveAsync().exceptionally(e -> null)).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(leaves);
    }

    /** {@link #closeAsync} without waiting. */
    @Override
    public void close() {
        closeAsync();
    }

    void forget(GroupSocket socket) {
        joined.remove(socket.key(), socket);
    }

    private CompletionStage<byte[]> onRequest(AppHandler.Call call) {
        GroupDatagram datagram;
        try {
            datagram = GroupCodec.decode(call.payload());
        } catch (WireFormatException e) {
            return CompletableFuture.failedFuture(new AppRefusedException(ErrorCode.MALFORMED, e.getMessage()));
        }
        GroupSocket socket = joined.get(datagram.group());
        if (socket == null) {
            // the sender's view is stale: it skips this node as it would a dead one
            return CompletableFuture.failedFuture(new AppRefusedException(ErrorCode.UNKNOWN_SERVICE, "not a member"));
        }
        return socket.onDatagram(datagram);
    }
}
