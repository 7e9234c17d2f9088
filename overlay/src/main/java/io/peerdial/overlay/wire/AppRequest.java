package io.peerdial.overlay.wire;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * APP_REQUEST: an application message carried by the overlay to the service numbered
 * {@code service} on the responder (relay credentials, receipts, ...). The overlay does not read
 * {@code payload}; the service's handler does. Answered by {@link AppResponse} with the same
 * service, or by ERROR {@code UNKNOWN_SERVICE} when the responder does not serve it.
 *
 * <p>{@code payload} is 0 to {@link #MAX_PAYLOAD} bytes, so the datagram stays within
 * {@link MessageCodec#MAX_DATAGRAM}. equals/hashCode compare its content; it is not copied: do not
 * change it after construction.
 */
public record AppRequest(Header header, int service, byte[] payload) implements Message.Request {
    /** 1,200 - 32 (header) - 2 (service) - 2 (payload length). */
    public static final int MAX_PAYLOAD = MessageCodec.MAX_DATAGRAM - MessageCodec.HEADER_BYTES - 4;

    public AppRequest {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
        AppPayloads.check(service, payload);
    }
    @Override public MessageType type() { return MessageType.APP_REQUEST; }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppRequest r && header.equals(r.header) && service == r.service
                && Arrays.equals(payload, r.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(header, service, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "AppRequest[header=" + header + ", service=" + service + ", payload=" + HexFormat.of().formatHex(payload) + "]";
    }
}
