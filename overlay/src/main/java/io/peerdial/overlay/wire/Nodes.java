package io.peerdial.overlay.wire;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * Answer to {@link FindNode}: up to {@link MessageCodec#MAX_CONTACTS} contacts closest to the target,
 * and a write token that the requester must echo in a later {@link Store} to this responder.
 */
public record Nodes(Header header, InetSocketAddress observed, long writeToken, List<Contact> contacts)
        implements Message.Response {
    public Nodes {
        Objects.requireNonNull(observed, "observed");
        contacts = ContactList.copyOf(contacts);
        if (contacts.size() > MessageCodec.MAX_CONTACTS) {
            throw new IllegalArgumentException("at most " + MessageCodec.MAX_CONTACTS + " contacts, got " + contacts.size());
        }
    }
    @Override public MessageType type() { return MessageType.NODES; }
}
