package io.peerdial.p2p.group;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.wire.AppRequest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A group message as carried in an APP_REQUEST to {@link #SERVICE}.
 *
 * @param kind      to every member (forwarded down the tree) or to one member
 * @param group     the group's DHT key
 * @param origin    the member that sent it first (forwarders keep it)
 * @param messageId chosen by the origin; (origin, messageId) lets receivers drop duplicates
 * @param limit     for {@link Kind#ALL}: the receiver forwards to the members with ids strictly between
 *                  its own and {@code limit}; {@code null}: to every member above its own id
 */
public record GroupDatagram(Kind kind, NodeId group, NodeId origin, long messageId, NodeId limit, byte[] payload) {

    /** The overlay application service number of groups. */
    public static final int SERVICE = 0x0202;
    /** Largest payload: an APP_REQUEST less this record's largest header. */
    public static final int MAX_PAYLOAD = AppRequest.MAX_PAYLOAD - GroupCodec.MAX_HEADER_BYTES;

    /** Delivery kinds. */
    public enum Kind {
        /** Every member: the receiver delivers and forwards within its range. */
        ALL,
        /** One member: delivered, never forwarded. */
        ANY
    }

    public GroupDatagram {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(payload, "payload");
        if (kind == Kind.ANY && limit != null) throw new IllegalArgumentException("an ANY message has no forwarding limit");
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes, at most " + MAX_PAYLOAD);
        }
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The same message for another subtree. */
    GroupDatagram withLimit(NodeId newLimit) {
        return new GroupDatagram(kind, group, origin, messageId, newLimit, payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupDatagram d && kind == d.kind && group.equals(d.group) && origin.equals(d.origin)
                && messageId == d.messageId && Objects.equals(limit, d.limit) && Arrays.equals(payload, d.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, group, origin, messageId, limit) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "GroupDatagram[" + kind + " group=" + group.shortHex() + " origin=" + origin.shortHex() + " id=" + messageId
                + (limit == null ? "" : " limit=" + limit.shortHex()) + ", " + payload.length + " bytes]";
    }
}
