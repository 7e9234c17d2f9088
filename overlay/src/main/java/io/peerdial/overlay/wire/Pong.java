package io.peerdial.overlay.wire;

import java.net.InetSocketAddress;
import java.util.Objects;

/** Answer to {@link Ping}. {@code observed} is the requester's address as the responder saw it. */
public record Pong(Header header, InetSocketAddress observed) implements Message.Response {
    public Pong {
        Objects.requireNonNull(observed, "observed");
    }
    @Override public MessageType type() { return MessageType.PONG; }
}
