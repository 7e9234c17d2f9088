package io.peerdial.overlay.wire;

import io.peerdial.overlay.identity.NodeId;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * STORE: asks the responder to keep {@code value} under {@code key}. The overlay does not interpret
 * the value; the responder's storage policy does (signed bindings, issue "dht-location").
 * {@code writeToken} is the one the responder handed out in a recent {@link Nodes} or
 * {@link Values} to this address (BEP 5-style), so a spoofed source address cannot store.
 *
 * <p>{@code value} is 1 to 65,535 bytes (and must fit the datagram). equals/hashCode compare its
 * content; it is not copied: do not change it after construction.
 */
public record Store(Header header, NodeId key, long writeToken, byte[] value) implements Message.Request {
    public Store {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (value.length == 0 || value.length > 0xFFFF) {
            throw new IllegalArgumentException("value must be 1 to 65535 bytes, got " + value.length);
        }
    }
    @Override public MessageType type() { return MessageType.STORE; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Store s && header.equals(s.header) && key.equals(s.key)
                && writeToken == s.writeToken && Arrays.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(header, key, writeToken, Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return "Store[header=" + header + ", key=" + key + ", writeToken=" + writeToken
                + ", value=" + HexFormat.of().formatHex(value) + "]";
    }
}
