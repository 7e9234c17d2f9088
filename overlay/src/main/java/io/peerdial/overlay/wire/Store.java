package io.peerdial.overlay.wire;

import io.peerdial.overlay.identity.NodeId;
import java.util.Objects;

/**
 * STORE: asks the responder to keep {@code value} under {@code key}. The overlay does not interpret
 * the value; the responder's storage policy does (signed bindings, issue "dht-location").
 * {@code writeToken} is the one the responder handed out in a recent {@link Nodes} or
 * {@link Values} to this address (BEP 5-style), so a spoofed source address cannot store.
 */
public record Store(Header header, NodeId key, long writeToken, byte[] value) implements Message.Request {
    public Store {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
    @Override public MessageType type() { return MessageType.STORE; }
}
