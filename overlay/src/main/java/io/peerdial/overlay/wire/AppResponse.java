package io.peerdial.overlay.wire;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * APP_RESPONSE: a service's answer to an {@link AppRequest}, echoing its transaction id and service.
 * Same payload limit as the request ({@link AppRequest#MAX_PAYLOAD}); the array is not copied.
 */
public record AppResponse(Header header, int service, byte[] payload) implements Message.Response {
    public static final int MAX_PAYLOAD = AppRequest.MAX_PAYLOAD;

    public AppResponse {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
        AppPayloads.check(service, payload);
    }
    @Override public MessageType type() { return MessageType.APP_RESPONSE; }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppResponse r && header.equals(r.header) && service == r.service
                && Arrays.equals(payload, r.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(header, service, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "AppResponse[header=" + header + ", service=" + service + ", payload=" + HexFormat.of().formatHex(payload) + "]";
    }
}
