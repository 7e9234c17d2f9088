package io.peerdial.overlay.wire;

import io.peerdial.overlay.identity.NodeId;
import java.util.Objects;

/** FIND_NODE: asks for the contacts the responder knows closest to {@code target}. */
public record FindNode(Header header, NodeId target) implements Message.Request {
    public FindNode {
        Objects.requireNonNull(target, "target");
    }
    @Override public MessageType type() { return MessageType.FIND_NODE; }
}
