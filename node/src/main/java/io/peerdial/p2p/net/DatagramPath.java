package io.peerdial.p2p.net;

import java.io.Closeable;
import java.io.IOException;

/**
 * A datagram path to one peer, already set up: a UDP socket pair, an ICE-selected candidate pair, a TURN
 * channel. Datagrams may be lost, duplicated or reordered; the stream on top copes.
 */
public interface DatagramPath extends Closeable {

    /** Receives the datagrams that arrive on a path. */
    @FunctionalInterface
    interface Receiver {
        /** One datagram; {@code data[offset, offset + length)} is only valid during the call. */
        void onDatagram(byte[] data, int offset, int length);
    }

    /** Sends one datagram (at most 1200 bytes); a lost datagram is not an error. */
    void send(byte[] data, int offset, int length) throws IOException;

    /** Starts delivering received datagrams to {@code receiver}, on a thread of the path's own. Called once. */
    void start(Receiver receiver);

    /** Stops delivering and releases the path. */
    @Override
    void close();
}
