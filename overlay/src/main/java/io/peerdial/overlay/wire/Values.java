package io.peerdial.overlay.wire;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * Answer to {@link FindValue}: the values from {@code startIndex} on that fit in one datagram
 * ({@code totalValues} says how many the responder holds, so the requester can page), plus the
 * closest contacts it knows and a write token, so that one lookup serves both reading and storing.
 */
public record Values(Header header, InetSocketAddress observed, long writeToken, List<Contact> contacts,
                     int totalValues, int startIndex, List<byte[]> values) implements Message.Response {
    public Values {
        Objects.requireNonNull(observed, "observed");
        contacts = List.copyOf(contacts);
        values = List.copyOf(values);
        if (contacts.size() > MessageCodec.MAX_CONTACTS) {
            throw new IllegalArgumentException("at most " + MessageCodec.MAX_CONTACTS + " contacts, got " + contacts.size());
        }
        if (totalValues < 0 || totalValues > 0xFFFF || startIndex < 0 || startIndex > 0xFFFF) {
            throw new IllegalArgumentException("totalValues and startIndex must fit in 16 bits");
        }
        if (startIndex + values.size() > totalValues) {
            throw new IllegalArgumentException("values [" + startIndex + ", " + (startIndex + values.size())
                    + ") exceed totalValues " + totalValues);
        }
    }
    @Override public MessageType type() { return MessageType.VALUES; }
}
