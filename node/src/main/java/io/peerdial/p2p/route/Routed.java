package io.peerdial.p2p.route;

import io.peerdial.overlay.identity.NodeId;
import java.util.Objects;

/**
 * A key-routed datagram this node received.
 *
 * @param key           the key it was sent to
 * @param sender        the NodeId the sending node claimed (unproved)
 * @param addressedToMe true when {@code key} is this node's own NodeId; false when it is another key
 *                      this node was the closest live node to
 */
public record Routed(NodeId key, NodeId sender, byte[] payload, boolean addressedToMe) {

    public Routed {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sender, "sender");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public String toString() {
        return "Routed[key=" + key.shortHex() + ", from " + sender.shortHex() + ", " + payload.length + " bytes"
                + (addressedToMe ? ", to me" : ", closest") + "]";
    }
}
