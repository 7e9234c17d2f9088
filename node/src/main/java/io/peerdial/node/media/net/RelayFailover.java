package io.peerdial.node.media.net;

import io.peerdial.node.media.ice.IceConfig;
import io.peerdial.node.media.ice.TurnServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Where an ICE restart after a relay failure gathers its relay candidate (docs/MEDIA.md "Relay
 * failover"): the first choice relay unless it is the one that died, else the second choice
 * ({@code RelayIceServers.turnServers()} / {@code fallbackTurnServers()}), else no relay at all —
 * never the dead one, whose silent TURN server would hold the gathering for its whole timeout.
 */
public final class RelayFailover {

    private final Supplier<List<TurnServer>> first;
    private final Supplier<List<TurnServer>> second;
    private final Consumer<InetAddress> failed;

    /**
     * @param first  first-choice TURN servers now
     * @param second second-choice TURN servers now
     * @param failed told the address of a relay that failed under a call of ours (not to be chosen again soon)
     */
    public RelayFailover(Supplier<List<TurnServer>> first, Supplier<List<TurnServer>> second, Consumer<InetAddress> failed) {
        this.first = Objects.requireNonNull(first);
        this.second = Objects.requireNonNull(second);
        this.failed = Objects.requireNonNull(failed);
    }

    /** No second choice: a restart keeps the call's own TURN servers minus the dead one. */
    static RelayFailover sameServers(IceConfig config) {
        return new RelayFailover(config::turnServers, List::of, dead -> { });
    }

    /**
     * The call's configuration with the first TURN servers none of which is {@code dead}, and without
     * STUN servers on {@code deadHost} (the dead super-node may have been a bootstrap node: a silent STUN
     * server would hold the gathering for ice4j's whole STUN timeout, about a second).
     */
    IceConfig restartConfig(IceConfig call, InetAddress deadHost, Predicate<TurnServer> dead) {
        List<TurnServer> firstNow = first.get();
        List<TurnServer> secondNow = second.get();
        IceConfig base = call.withStunServers(stunServers(call, deadHost, dead, firstNow, secondNow));
        for (List<TurnServer> servers : List.of(firstNow, secondNow)) {
            if (!servers.isEmpty() && servers.stream().noneMatch(dead)) return base.withTurnServers(servers);
        }
        return base.withTurnServers(call.turnServers().stream().filter(dead.negate()).toList());
    }

    /**
     * The call's STUN servers not on the dead host, then every live relay this node knows (a TURN
     * server answers Binding requests too, RFC 8656 §2.4): when the dead super-node was the node's
     * only STUN server, the restart still learns its public address, and the far side's relay can
     * then be given a permission for it (docs/MEDIA.md "Relay failover").
     */
    private static List<InetSocketAddress> stunServers(IceConfig call, InetAddress deadHost, Predicate<TurnServer> dead,
                                                       List<TurnServer> firstNow, List<TurnServer> secondNow) {
        java.util.LinkedHashSet<InetSocketAddress> out = new java.util.LinkedHashSet<>();
        call.stunServers().stream().filter(s -> !s.getAddress().equals(deadHost)).forEach(out::add);
        java.util.stream.Stream.of(firstNow, secondNow, call.turnServers()).flatMap(List::stream)
                .filter(dead.negate()).filter(t -> !t.address().getAddress().equals(deadHost))
                .forEach(t -> out.add(t.address()));
        return List.copyOf(out);
    }

    /** The TURN server this node allocated on at {@code server} failed under a call. */
    void relayFailed(InetSocketAddress server) {
        failed.accept(server.getAddress());
    }

    /** The relay whose relayed address is {@code relayed} (the far end's, seen as a RELAY remote candidate): same IP. */
    static Predicate<TurnServer> atHostOf(InetSocketAddress relayed) {
        return s -> relayed != null && relayed.getAddress().equals(s.address().getAddress());
    }

    /** Exactly one of the TURN servers in {@code used}. */
    static Predicate<TurnServer> oneOf(List<TurnServer> used) {
        return s -> used.stream().anyMatch(u -> u.address().equals(s.address()));
    }
}
