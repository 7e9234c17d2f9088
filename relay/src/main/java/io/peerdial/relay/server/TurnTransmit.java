package io.peerdial.relay.server;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * A datagram the core wants sent: from {@code source} (the server's listening address, for
 * datagrams to clients, or a relayed address, for datagrams to peers) to {@code destination}.
 *
 * <p><b>Aliasing.</b> On the forwarding path {@code buffer} is the very array the driver passed to
 * {@code handleClientDatagram}/{@code handlePeerDatagram} (no copy): the driver must send every
 * transmit a call produced before it reuses that array.
 */
public record TurnTransmit(InetSocketAddress source, InetSocketAddress destination, byte[] buffer, int offset, int length) {
    public TurnTransmit {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.checkFromIndexSize(offset, length, buffer.length);
    }

    static TurnTransmit of(InetSocketAddress source, InetSocketAddress destination, byte[] bytes) {
        return new TurnTransmit(source, destination, bytes, 0, bytes.length);
    }

    /** A copy of the bytes to send (tests, slow paths). */
    public byte[] payload() {
        return Arrays.copyOfRange(buffer, offset, offset + length);
    }
}
