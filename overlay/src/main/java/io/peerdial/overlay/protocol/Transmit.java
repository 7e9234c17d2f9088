package io.peerdial.overlay.protocol;

import java.net.InetSocketAddress;
import java.util.Objects;

/** A datagram a core wants sent: destination and payload. The payload is not copied. */
public record Transmit(InetSocketAddress destination, byte[] payload) {
    public Transmit {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(payload, "payload");
    }
}
