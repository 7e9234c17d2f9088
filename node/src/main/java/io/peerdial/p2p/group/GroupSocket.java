package io.peerdial.p2p.group;

import io.peerdial.location.map.DhtMap;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.runtime.AppRefusedException;
import io.peerdial.overlay.wire.ErrorMessage.ErrorCode;
import io.peerdial.p2p.base.Blocking;
import io.peerdial.p2p.base.Inbox;
import io.peerdial.p2p.base.P2PException;
import io.peerdial.p2p.base.P2PException.Reason;
import io.peerdial.p2p.base.WireFormatException;
import io.peerdial.p2p.route.OverlayPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Membership of one group, from {@link Groups#join}: send to every member, send to any one member,
 * receive, leave. A send reads the member list from the DHT when the cached one is older than
 * {@link Groups.Settings#viewMaxAge()}; messages go to every other member, not back to the sender.
 * Every method has a blocking variant with a timeout and an {@code Async} one; failures are
 * {@link P2PException}s (NO_MEMBERS, UNDELIVERED, CLOSED, TIMEOUT...). Thread-safe.
 */
public final class GroupSocket implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupSocket.class);
    /** (origin, messageId) pairs remembered to drop duplicates (a retried hand-over may arrive twice). */
    static final int RECENT_IDS = 4_096;

    private record View(List<Member> members, long fetchedAt) {}

    private record MessageKey(NodeId origin, long id) {}

    private final String name;
    private final NodeId key;
    private final OverlayPort port;
    private final DhtMap map;
    private final RandomGenerator random;
    private final Groups.Settings settings;
    private final Groups owner;
    private final Inbox<GroupMessage> inbox;
    private final byte[] entry;
    private final Map<MessageKey, Boolean> recent = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<MessageKey, Boolean> eldest) {
            return size() > RECENT_IDS;
        }
    };
    private View view;
    private volatile boolean left;

    GroupSocket(String name, NodeId key, OverlayPort port, DhtMap map, RandomGenerator random, Groups.Settings settings, Groups owner) {
        this.name = name;
        this.key = key;
        this.port = port;
        this.map = map;
        this.random = random;
        this.settings = settings;
        this.owner = owner;
        this.inbox = new Inbox<>(settings.inboxCapacity());
        this.entry = MemberCodec.encode(new Member(port.selfContact()));
    }

    /** The group's name. */
    public String name() {
        return name;
    }

    /** The group's DHT key (where the members' entries are). */
    public NodeId key() {
        return key;
    }

    /** Reads the member list from the DHT now (this node included while joined), in NodeId order. */
    public CompletableFuture<List<NodeId>> membersAsync() {
        return Blocking.translated(fetchView().thenApply(v -> v.members().stream().map(Member::node).toList()));
    }

    /** Blocking {@link #membersAsync}. */
    public List<NodeId> members(Duration timeout) {
        Blocking.checkTimeout(timeout);
        return Blocking.await(membersAsync(), timeout);
    }

    /**
     * Sends {@code payload} to every other member: hands it to up to {@code fanout} members, each of
     * which forwards it to its share of the rest ({@link FanOut}). Completes once every share is
     * handed over (not when every member has it). NO_MEMBERS when nobody else is in the group;
     * UNDELIVERED when no member could be reached.
     */
    public CompletableFuture<SendReport> sendAsync(byte[] payload) {
        GroupDatagram datagram = new GroupDatagram(GroupDatagram.Kind.ALL, key, port.self(), random.nextLong(), null, payload);
        if (left) return closedFuture();
        return Blocking.translated(currentView().thenCompose(v -> {
            List<FanOut.Subtree> plan = FanOut.plan(v.members(), null, null, port.self(), settings.fanout());
            if (plan.isEmpty()) throw new P2PException(Reason.NO_MEMBERS, "no other member in " + name);
            return handOver(datagram, plan).thenApply(report -> {
                if (report.handedTo().isEmpty()) {
                    throw new P2PException(Reason.UNDELIVERED, "no member of " + name + " reachable: " + report.unreachable());
                }
                return report;
            });
        }));
    }

    /** Blocking {@link #sendAsync}. */
    public SendReport send(byte[] payload, Duration timeout) {
        Blocking.checkTimeout(timeout);
        return Blocking.await(sendAsync(payload), timeout);
    }

    /**
     * Sends {@code payload} to one other member, picked at random (the next one if it does not answer);
     * completes with the member that took it.
     */
    public CompletableFuture<NodeId> sendAnyAsync(byte[] payload) {
        GroupDatagram datagram = new GroupDatagram(GroupDatagram.Kind.ANY, key, port.self(), random.nextLong(), null, payload);
        if (left) return closedFuture();
        byte[] bytes = GroupCodec.encode(datagram);
        return Blocking.translated(currentView().thenCompose(v -> {
            List<Member> others = new ArrayList<>(v.members().stream().filter(m -> !m.node().equals(port.self())).toList());
            if (others.isEmpty()) throw new P2PException(Reason.NO_MEMBERS, "no other member in " + name);
            for (int i = others.size() - 1; i > 0; i--) Collections.swap(others, i, random.nextInt(i + 1)); // Fisher-Yates
            return tryEach(others, 0, bytes);
        }));
    }

    /** Blocking {@link #sendAnyAsync}. */
    public NodeId sendAny(byte[] payload, Duration timeout) {
        Blocking.checkTimeout(timeout);
        return Blocking.await(sendAnyAsync(payload), timeout);
    }

    /**
     * The next message from another member; fails with CLOSED once left and drained. It may complete
     * on the overlay's loop thread: stages chained to it must not block.
     */
    public CompletableFuture<GroupMessage> receiveAsync() {
        return inbox.take();
    }

    /** Blocking {@link #receiveAsync}: at most {@code timeout}, else P2PException TIMEOUT. */
    public GroupMessage receive(Duration timeout) {
        return inbox.take(timeout);
    }

    /**
     * Leaves: a signed tombstone removes this node's entry from the DHT, the socket stops receiving.
     * Completes when the removal is stored. Idempotent.
     */
    public CompletableFuture<Void> leaveAsync() {
        synchronized (this) {
            if (left) return CompletableFuture.completedFuture(null);
            left = true;
        }
        owner.forget(this);
        inbox.close();
        return Blocking.translated(map.remove(key, entry));
    }

    /** Blocking {@link #leaveAsync}. */
    public void leave(Duration timeout) {
        Blocking.checkTimeout(timeout);
        Blocking.await(leaveAsync(), timeout);
    }

    /** Leaves without waiting for the removal to be stored (the entry expires anyway). */
    @Override
    public void close() {
        leaveAsync().exceptionally(e -> {
            log.debug("leaving {}: {}", name, e.toString());
            return null;
        });
    }

    void closeInbox() {
        left = true;
        inbox.close();
    }

    /** A message for this group arrived: deliver it here, forward its share, acknowledge at once. */
    CompletionStage<byte[]> onDatagram(GroupDatagram d) {
        if (left) return CompletableFuture.failedFuture(new AppRefusedException(ErrorCode.UNKNOWN_SERVICE, "left " + name));
        boolean fresh;
        synchronized (recent) {
            fresh = recent.put(new MessageKey(d.origin(), d.messageId()), Boolean.TRUE) == null;
        }
        if (!fresh) return CompletableFuture.completedFuture(new byte[0]); // already delivered and forwarded
        if (!inbox.offer(new GroupMessage(name, d.origin(), d.payload(), d.kind() == GroupDatagram.Kind.ALL))) {
            synchronized (recent) {
                recent.remove(new MessageKey(d.origin(), d.messageId()));
            }
            // the hand-over then goes to the next member of the run, which covers this node's share
            return CompletableFuture.failedFuture(new AppRefusedException(ErrorCode.OVERLOADED, "inbox full"));
        }
        if (d.kind() == GroupDatagram.Kind.ALL) {
            currentView().thenCompose(v -> handOver(d, FanOut.plan(v.members(), port.self(), d.limit(), d.origin(), settings.fanout())))
                    .whenComplete((report, failure) -> {
                        if (failure != null) log.debug("forwarding in {} failed: {}", name, failure.toString());
                        else if (!report.unreachable().isEmpty()) log.debug("forwarding in {}: unreachable {}", name, report.unreachable());
                    });
        }
        return CompletableFuture.completedFuture(new byte[0]);
    }

    /** Hands {@code d} to the head of every run, promoting the next member of a run whose head fails. */
    private CompletableFuture<SendReport> handOver(GroupDatagram d, List<FanOut.Subtree> plan) {
        List<CompletableFuture<SendReport>> runs = new ArrayList<>();
        for (FanOut.Subtree run : plan) runs.add(handOverRun(GroupCodec.encode(d.withLimit(run.limit())), run.members(), 0, List.of()));
        return CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<NodeId> handed = new ArrayList<>();
            List<NodeId> unreachable = new ArrayList<>();
            for (CompletableFuture<SendReport> r : runs) {
                handed.addAll(r.join().handedTo());
                unreachable.addAll(r.join().unreachable());
            }
            return new SendReport(handed, unreachable);
        });
    }

    private CompletableFuture<SendReport> handOverRun(byte[] bytes, List<Member> run, int index, List<NodeId> failed) {
        if (index >= run.size()) return CompletableFuture.completedFuture(new SendReport(List.of(), failed));
        Member to = run.get(index);
        return port.request(to.contact(), GroupDatagram.SERVICE, bytes).handle((answer, failure) -> {
            if (failure == null) return CompletableFuture.completedFuture(new SendReport(List.of(to.node()), failed));
            List<NodeId> more = new ArrayList<>(failed);
            more.add(to.node());
            return handOverRun(bytes, run, index + 1, more);
        }).thenCompose(f -> f);
    }

    private CompletableFuture<NodeId> tryEach(List<Member> candidates, int index, byte[] bytes) {
        if (index >= candidates.size()) {
            return CompletableFuture.failedFuture(new P2PException(Reason.UNDELIVERED, "no member of " + name + " answered"));
        }
        Member to = candidates.get(index);
        return port.request(to.contact(), GroupDatagram.SERVICE, bytes)
                .handle((answer, failure) -> failure == null ? CompletableFuture.completedFuture(to.node()) : tryEach(candidates, index + 1, bytes))
                .thenCompose(f -> f);
    }

    private CompletableFuture<View> currentView() {
        View cached;
        synchronized (this) {
            cached = view;
        }
        if (cached != null && port.now() - cached.fetchedAt() <= settings.viewMaxAge().toMillis()) {
            return CompletableFuture.completedFuture(cached);
        }
        return fetchView();
    }

    private CompletableFuture<View> fetchView() {
        return map.get(key).thenApply(values -> {
            Map<NodeId, Member> byNode = new java.util.TreeMap<>();
            for (byte[] value : values) {
                try {
                    Member m = MemberCodec.decode(value);
                    byNode.put(m.node(), m);
                } catch (WireFormatException e) {
                    log.debug("dropping a bad member entry in {}: {}", name, e.getMessage());
                }
            }
            View fresh = new View(List.copyOf(byNode.values()), port.now());
            synchronized (this) {
                view = fresh;
            }
            return fresh;
        });
    }

    private static <T> CompletableFuture<T> closedFuture() {
        return CompletableFuture.failedFuture(new P2PException(Reason.CLOSED, "left the group"));
    }
}
