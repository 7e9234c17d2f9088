package io.peerdial.overlay.kademlia;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.wire.Message;
import java.net.InetSocketAddress;

/**
 * A request waiting for its response. At {@code deadline} (the adaptive timeout) its lookup stops
 * waiting for it; until {@code hardDeadline} a late answer is still taken, and only then does the
 * contact count as having failed, so a slow answer never costs a good routing-table entry.
 *
 * @param expectedId the NodeId we believe answers at {@code to}; null for a bootstrap address
 * @param purpose    why we asked, which decides what the response feeds
 * @param lookup     the lookup this request serves, or null
 */
record PendingRpc(long transactionId, InetSocketAddress to, NodeId expectedId, Message.Request request,
                  Purpose purpose, Lookup lookup, byte[] nonce, long sentAt, long deadline,
                  long hardDeadline, boolean softExpired) {

    PendingRpc expiredSoftly() {
        return new PendingRpc(transactionId, to, expectedId, request, purpose, lookup, nonce, sentAt, hardDeadline, hardDeadline, true);
    }


    enum Purpose { LOOKUP, JOIN_PROBE, STORE, AUTH, EVICTION_PING, PING, HANDOFF_TOKEN, HANDOFF_STORE, APP }
}
