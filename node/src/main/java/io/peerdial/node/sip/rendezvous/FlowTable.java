package io.peerdial.node.sip.rendezvous;

import io.peerdial.overlay.identity.NodeId;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The super-node's side of rendezvous: which client node is reachable over which flow (the
 * source address and transport its signed flow registration arrived from, i.e. its NAT's public
 * mapping towards this super-node, RFC 5626 §5.2). A registration is accepted only when the
 * From/To flow token names the node whose signature the request carries — the caller has
 * verified that signature — so nobody can point another node's flow at themselves.
 * Not thread-safe: the caller serialises access.
 */
public final class FlowTable {

    /** Transport of a flow: how the client's REGISTER arrived. */
    public enum Transport { UDP, TCP }

    /** A live flow towards {@code client} at {@code address}, until {@code expiresAt} (ms). */
    public record Flow(NodeId client, InetSocketAddress address, Transport transport, long expiresAt) {
        public Flow {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(transport, "transport");
        }
    }

    /** Longest lifetime a client may ask for: a flow that stops refreshing is gone within it. */
    public static final long MAX_LIFETIME_MS = 120_000;

    private final int capacity;
    private final Map<NodeId, Flow> flows = new HashMap<>();

    public FlowTable(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        this.capacity = capacity;
    }

    /**
     * Records (or refreshes, or moves) the flow of the node that signed a flow registration.
     *
     * @param signer     the NodeId the verified P-Peerdial-Identity names
     * @param tokenUser  the user part of the REGISTER's To URI
     * @param source     where the REGISTER came from (after the client's NAT)
     * @param lifetimeMs the Expires the client asked for; 0 removes the flow
     * @return the flow kept, or empty when it was removed
     */
    public Optional<Flow> register(NodeId signer, String tokenUser, InetSocketAddress source, Transport transport,
                                   long lifetimeMs, long now) throws RendezvousException {
        Objects.requireNonNull(signer, "signer");
        NodeId named = FlowToken.parse(tokenUser);
        if (named == null) throw new RendezvousException(RendezvousException.Reason.MALFORMED, "not a flow token: " + tokenUser);
        if (!named.equals(signer)) { // the whole point: only the node itself may register its flow
            throw new RendezvousException(RendezvousException.Reason.NOT_SIGNER,
                    "flow of " + named.shortHex() + " registered by " + signer.shortHex());
        }
        if (lifetimeMs <= 0) {
            flows.remove(signer);
            return Optional.empty();
        }
        if (!flows.containsKey(signer) && flows.size() >= capacity) {
            expire(now);
            if (flows.size() >= capacity) throw new RendezvousException(RendezvousException.Reason.FULL, flows.size() + " flows");
        }
        Flow flow = new Flow(signer, source, transport, now + Math.min(lifetimeMs, MAX_LIFETIME_MS));
        flows.put(signer, flow);
        return Optional.of(flow);
    }

    /** The live flow towards {@code client}, if any. */
    public Optional<Flow> find(NodeId client, long now) {
        Flow f = flows.get(client);
        if (f == null) return Optional.empty();
        if (f.expiresAt() <= now) {
            flows.remove(client);
            return Optional.empty();
        }
        return Optional.of(f);
    }

    /** Forgets expired flows; returns how many are left. */
    public int expire(long now) {
        flows.values().removeIf(f -> f.expiresAt() <= now);
        return flows.size();
    }

    public int size() {
        return flows.size();
    }
}
