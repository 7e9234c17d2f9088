package io.peerdial.overlay.kademlia;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.storage.StoreStatus;
import io.peerdial.overlay.wire.Contact;
import java.net.InetSocketAddress;
import java.util.List;

/** What an {@link OverlayNode} reports to its driver through {@code pollEvent()}. */
public sealed interface OverlayEvent {

    /**
     * The join started by {@link OverlayNode#join} finished; {@code contacts} is how many nodes its
     * self-lookup heard from (they enter the routing table as their key proofs arrive).
     */
    record JoinCompleted(int contacts) implements OverlayEvent {}

    /**
     * A FIND_NODE lookup finished.
     *
     * @param closest up to k live contacts closest to the target, closest first
     * @param rounds  request rounds until the lookup converged (the "hops" a research user counts)
     * @param requests requests sent, including timed-out ones
     */
    record LookupCompleted(long lookupId, NodeId target, List<Contact> closest, int rounds, int requests)
            implements OverlayEvent {}

    /** A FIND_VALUE lookup finished: every value the holders returned (not yet deduplicated or verified). */
    record ValuesFound(long lookupId, NodeId key, List<byte[]> values, List<Contact> closest, int rounds, int requests)
            implements OverlayEvent {}

    /** A store finished: one reply per contacted holder (timeouts have status {@code null}). */
    record StoreCompleted(long lookupId, NodeId key, List<StoreReply> replies) implements OverlayEvent {
        public long storedCount() {
            return replies.stream().filter(r -> r.status() == StoreStatus.STORED).count();
        }
    }

    /** One holder's answer to a STORE; {@code status == null} when it did not answer in time. */
    record StoreReply(Contact holder, StoreStatus status, String detail) {}

    /** A peer told us the address it saw our datagram come from (input to NAT classification). */
    record ReflexiveAddress(Contact observer, InetSocketAddress observed) implements OverlayEvent {}

    /**
     * A peer's APP_REQUEST for a service this node {@linkplain OverlayNode#serveApp serves}. Answer it
     * with {@link OverlayNode#respondApp} (or {@link OverlayNode#refuseApp}) to {@code from} with
     * {@code transactionId}. {@code sender} is the NodeId in the header: unproved, a claim only.
     */
    record AppRequest(InetSocketAddress from, NodeId sender, long transactionId, int service, byte[] payload)
            implements OverlayEvent {}

    /** The answer to {@link OverlayNode#appRequest} number {@code rpcId}, from {@code sender} at the address asked. */
    record AppResponse(long rpcId, NodeId sender, byte[] payload) implements OverlayEvent {}

    /** {@link OverlayNode#appRequest} number {@code rpcId} got no answer; {@code detail} is for logs. */
    record AppFailed(long rpcId, AppFailure reason, String detail) implements OverlayEvent {}

    /** Why an application request failed. */
    enum AppFailure {
        /** No answer by the hard deadline. */
        TIMEOUT,
        /** Another NodeId than the expected one answered at that address. */
        WRONG_NODE,
        /** The peer does not serve the service (ERROR UNKNOWN_SERVICE). */
        UNKNOWN_SERVICE,
        /** The peer refused (any other ERROR: rate limited, overloaded, malformed, ...). */
        REFUSED,
        /** The answer was not an APP_RESPONSE for the service asked. */
        BAD_ANSWER
    }
}
