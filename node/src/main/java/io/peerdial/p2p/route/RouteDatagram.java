package io.peerdial.p2p.route;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.wire.AppRequest;
import java.util.Objects;

/**
 * A key-routed datagram as carried in an APP_REQUEST to {@link #SERVICE}: the key it was sent to
 * and the application's bytes. The sender is the APP_REQUEST's header NodeId.
 */
public record RouteDatagram(NodeId key, byte[] payload) {

    /** The overlay application service number of key routing. */
    public static final int SERVICE = 0x0201;
    /** Largest payload: what is left of an APP_REQUEST after this record's header. */
    public static final int MAX_PAYLOAD = AppRequest.MAX_PAYLOAD - RouteCodec.HEADER_BYTES;

    public RouteDatagram {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes, at most " + MAX_PAYLOAD);
        }
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RouteDatagram d && key.equals(d.key) && java.util.Arrays.equals(payload, d.payload);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + java.util.Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "RouteDatagram[key=" + key.shortHex() + ", " + payload.length + " bytes]";
    }
}
