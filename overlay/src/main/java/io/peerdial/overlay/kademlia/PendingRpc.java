package io.peerdial.overlay.kademlia;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.wire.Message;
import java.net.InetSocketAddress;

/**
 * A request waiting for its response.
 *
 * @param expectedId the NodeId we believe answers at {@code to}; null for a bootstrap address
 * @param purpose    why we asked, which decides what the response feeds
 * @param lookup     the lookup this request serves, or null
 * @param subject    the contact an eviction ping or an auth challenge is about, or null
 */
record PendingRpc(long transactionId, InetSocketAddress to, NodeId expectedId, Message.Request request,
                  Purpose purpose, Lookup lookup, byte[] nonce, long sentAt, long deadline) {

    enum Purpose { LOOKUP, JOIN_PROBE, STORE, AUTH, EVICTION_PING, PING }
}
