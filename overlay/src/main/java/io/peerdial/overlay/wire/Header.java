package io.peerdial.overlay.wire;

import io.peerdial.overlay.identity.NodeId;
import java.util.Objects;

/**
 * Fields every overlay message starts with (docs/PROTOCOL.md, "Header").
 *
 * @param transactionId random 64-bit id chosen by the requester; a response echoes it, which is
 *                      what stops an off-path attacker from forging responses
 * @param sender        the sender's NodeId (proved once by {@link AuthProof} before it is trusted)
 * @param client        the sender is a DHT client (behind NAT, not a super-node): answer it, but
 *                      never put it in a routing table
 */
public record Header(long transactionId, NodeId sender, boolean client) {
    public Header {
        Objects.requireNonNull(sender, "sender");
    }
}
