package io.peerdial.overlay.wire;

/** PING: liveness check; also how a node learns its reflexive address ({@link Pong#observed}). */
public record Ping(Header header) implements Message.Request {
    @Override public MessageType type() { return MessageType.PING; }
}
