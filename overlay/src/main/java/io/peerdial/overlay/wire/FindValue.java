package io.peerdial.overlay.wire;

import io.peerdial.overlay.identity.NodeId;
import java.util.Objects;

/**
 * FIND_VALUE: asks for the values stored under {@code key}, starting at index {@code startIndex}
 * of the responder's list (a key may hold more values than fit in one datagram), and for closer
 * contacts.
 */
public record FindValue(Header header, NodeId key, int startIndex) implements Message.Request {
    public FindValue {
        Objects.requireNonNull(key, "key");
        if (startIndex < 0 || startIndex > 0xFFFF) {
            throw new IllegalArgumentException("startIndex must fit in 16 bits, got " + startIndex);
        }
    }
    @Override public MessageType type() { return MessageType.FIND_VALUE; }
}
