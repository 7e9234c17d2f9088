package io.peerdial.relay.server;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * A datagram the core wants sent: from {@code source} (the server's listening address, for
 * datagrams to clients, or a relayed address, for datagrams to peers) to {@code destination},
 * over {@code transport} (to peers always UDP; to a client, its transport: over TCP the bytes are
 * one frame for that client's connection, RFC 8656 §3.1).
 *
 * <p><b>Aliasing.</b> On the forwarding path {@code buffer} is the very array the driver passed to
 * {@code handleClientDatagram}/{@code handlePeerDatagram} (no copy): the driver must send every
 * transmit a call produced before it reuses that array.
 */
public record TurnTransmit(ClientTransport transport, InetSocketAddress source, InetSocketAddress destination, byte[] buffer, int offset, int length) {
    public TurnTransmit {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.checkFromIndexSize(offset, length, buffer.length);
    }

    static TurnTransmit toClient(FiveTuple client, byte[] bytes) {
        return new TurnTransmit(client.transport(), client.server(), client.client(), bytes, 0, bytes.length);
    }

    /** A copy of the bytes to send (tests, slow paths). */
    public byte[] payload() {
        return Arrays.copyOfRange(buffer, offset, offset + length);
    }
}
