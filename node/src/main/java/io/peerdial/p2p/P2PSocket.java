package io.peerdial.p2p;

import io.peerdial.p2p.net.ChannelMux;
import io.peerdial.p2p.net.StreamSocket;
import io.peerdial.p2p.transport.Connection;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A connection between two P2P endpoints over the path ICE selected ({@link #path()}: direct or relayed).
 * Two channels share it (docs/P2P.md "Framing"):
 *
 * <ul>
 *   <li><b>datagrams</b>: {@link #send} / {@link #receive} — unreliable, unordered, at most {@link #MAX_DATAGRAM}
 *       bytes, as UDP; up to 1024 unread datagrams are kept, later ones dropped;</li>
 *   <li><b>a byte stream</b>: {@link #getInputStream()} / {@link #getOutputStream()} — reliable, ordered,
 *       congestion- and flow-controlled (NewReno with SACK, 1 MiB windows); closing the output stream sends the
 *       end of stream, the peer's read then returns -1.</li>
 * </ul>
 *
 * The remote identity was verified before the socket was handed out: {@link #remoteFingerprint()} is the key
 * that signed the peer's session description, and a self-certifying {@link #remoteAddress()} is certified by
 * it. Thread-safe.
 */
public final class P2PSocket implements Closeable {

    /** Largest datagram {@link #send} takes. */
    public static final int MAX_DATAGRAM = ChannelMux.MAX_DATAGRAM;

    private final Connection connection;

    P2PSocket(Connection connection) {
        this.connection = connection;
    }

    /** Our own endpoint's address. */
    public P2PAddress localAddress() {
        return connection.localAddress();
    }

    /** The peer's address (verified: see the class comment). */
    public P2PAddress remoteAddress() {
        return connection.remoteAddress();
    }

    /** The fingerprint of the peer's user key, which proved its identity. */
    public String remoteFingerprint() {
        return connection.remoteFingerprint();
    }

    /** True on the side that called {@link P2PServerSocket#connect}. */
    public boolean isInitiator() {
        return connection.initiator();
    }

    /** The selected path: direct or relayed, and its addresses. */
    public P2PPath path() {
        return connection.path();
    }

    /** Sends one datagram of at most {@link #MAX_DATAGRAM} bytes; a lost datagram is not reported. */
    public void send(byte[] data) throws IOException {
        send(data, 0, data.length);
    }

    /** Sends {@code data[offset, offset + length)} as one datagram. */
    public void send(byte[] data, int offset, int length) throws IOException {
        connection.send(data, offset, length);
    }

    /** Waits for the next datagram; an {@link IOException} once the socket or the peer closed. */
    public byte[] receive() throws IOException {
        try {
            return Futures.await(receiveAsync(), null, "receive");
        } catch (TimeoutException e) {
            throw new AssertionError("no timeout given", e);
        }
    }

    /** As {@link #receive()}, for at most {@code timeout}. */
    public byte[] receive(Duration timeout) throws IOException, TimeoutException {
        Futures.checkTimeout(timeout);
        return Futures.await(receiveAsync(), timeout, "receive");
    }

    /** The next datagram; cancelling the future gives up the wait. */
    public CompletableFuture<byte[]> receiveAsync() {
        return connection.datagrams().take();
    }

    /** The stream's input (blocking reads; see {@link #setReadTimeout}). */
    public InputStream getInputStream() {
        return stream().getInputStream();
    }

    /** The stream's output (blocking while the send buffer is full; closing it ends our direction). */
    public OutputStream getOutputStream() {
        return stream().getOutputStream();
    }

    /** Longest wait of one stream read ({@link java.net.SocketTimeoutException} after it); zero waits forever. */
    public void setReadTimeout(Duration timeout) {
        stream().setReadTimeout(timeout.toMillis());
    }

    /** Longest wait of one stream write for buffer space; zero waits forever. */
    public void setWriteTimeout(Duration timeout) {
        stream().setWriteTimeout(timeout.toMillis());
    }

    /** Ends our direction of the stream after the data written so far; datagrams and reading go on. */
    public void shutdownOutput() {
        stream().shutdownOutput();
    }

    public boolean isClosed() {
        return connection.isClosed();
    }

    /**
     * Closes the connection: ends the stream (waiting up to 5 s for both directions to end cleanly, else resets
     * it), stops the ICE session and ends the signalling session. Idempotent.
     */
    @Override
    public void close() {
        connection.close();
    }

    private StreamSocket stream() {
        return connection.stream();
    }

    @Override
    public String toString() {
        return "P2PSocket[" + localAddress() + " <-> " + remoteAddress() + ", " + path() + "]";
    }
}
