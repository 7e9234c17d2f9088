package io.peerdial.overlay.wire;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Answer to {@link FindValue}: the values from {@code startIndex} on that fit in one datagram
 * ({@code totalValues} says how many the responder holds, so the requester can page), plus the
 * closest contacts it knows and a write token, so that one lookup serves both reading and storing.
 * Use {@link MessageCodec#encodedSize} to find how many values fit.
 *
 * <p>At most 255 values of at most 65,535 bytes each. equals/hashCode compare the values' content;
 * the arrays are not copied: do not change them after construction.
 */
public record Values(Header header, InetSocketAddress observed, long writeToken, List<Contact> contacts,
                     int totalValues, int startIndex, List<byte[]> values) implements Message.Response {
    public static final int MAX_VALUES = 0xFF;

    public Values {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(observed, "observed");
        contacts = ContactList.copyOf(contacts);
        values = List.copyOf(values);
        if (contacts.size() > MessageCodec.MAX_CONTACTS) {
            throw new IllegalArgumentException("at most " + MessageCodec.MAX_CONTACTS + " contacts, got " + contacts.size());
        }
        if (totalValues < 0 || totalValues > 0xFFFF || startIndex < 0 || startIndex > 0xFFFF) {
            throw new IllegalArgumentException("totalValues and startIndex must fit in 16 bits");
        }
        if (values.size() > MAX_VALUES) {
            throw new IllegalArgumentException("at most " + MAX_VALUES + " values in one answer, got " + values.size());
        }
        for (byte[] value : values) {
            if (value.length > 0xFFFF) {
                throw new IllegalArgumentException("a value is at most 65535 bytes, got " + value.length);
            }
        }
        if (startIndex + values.size() > totalValues) {
            throw new IllegalArgumentException("values [" + startIndex + ", " + (startIndex + values.size())
                    + ") exceed totalValues " + totalValues);
        }
    }
    @Override public MessageType type() { return MessageType.VALUES; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Values v)) return false;
        if (!(header.equals(v.header) && observed.equals(v.observed) && writeToken == v.writeToken
                && contacts.equals(v.contacts) && totalValues == v.totalValues && startIndex == v.startIndex
                && values.size() == v.values.size())) {
            return false;
        }
        for (int i = 0; i < values.size(); i++) {
            if (!Arrays.equals(values.get(i), v.values.get(i))) return false;
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(header, observed, writeToken, contacts, totalValues, startIndex);
        for (byte[] value : values) h = 31 * h + Arrays.hashCode(value);
        return h;
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "Values[header=" + header + ", observed=" + observed + ", writeToken=" + writeToken
                + ", contacts=" + contacts + ", totalValues=" + totalValues + ", startIndex=" + startIndex
                + ", values=" + values.stream().map(hex::formatHex).toList() + "]";
    }
}
