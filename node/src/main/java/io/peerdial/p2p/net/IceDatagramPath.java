package io.peerdial.p2p.net;

import io.peerdial.node.media.ice.IceSession;
import java.io.IOException;
import java.util.Objects;

/**
 * A {@link DatagramPath} over the pair an {@link IceSession} selected (direct, or through a TURN relay):
 * sends with {@link IceSession#send}, receives what the session's receive thread hands to {@link #handler()}
 * (ice4j has already taken the STUN checks and keep-alives out). Datagrams that arrive before {@link #start}
 * are dropped, like datagrams lost on the path.
 *
 * <p>Life: create it, pass {@link #handler()} to {@link IceSession#create}, {@link #attach} the session;
 * closing the path closes the session.
 */
public final class IceDatagramPath implements DatagramPath {

    private volatile IceSession session;
    private volatile Receiver receiver;
    private volatile boolean closed;

    /** What to give {@link IceSession#create} as its datagram handler. */
    public IceSession.DatagramHandler handler() {
        return (data, offset, length) -> {
            Receiver r = receiver;
            if (r != null && !closed) {
                r.onDatagram(data, offset, length);
            }
        };
    }

    /** The session whose selected pair this path uses; once. */
    public synchronized void attach(IceSession iceSession) {
        if (session != null) {
            throw new IllegalStateException("already attached");
        }
        session = Objects.requireNonNull(iceSession, "iceSession");
    }

    public IceSession session() {
        return session;
    }

    @Override
    public void send(byte[] data, int offset, int length) throws IOException {
        IceSession s = session;
        if (s == null || closed) {
            throw new IOException("ICE path not open");
        }
        try {
            s.send(data, offset, length);
        } catch (IllegalStateException e) {
            throw new IOException("ICE path: " + e.getMessage(), e); // closed, or no selected pair (yet)
        }
    }

    @Override
    public synchronized void start(Receiver r) {
        if (receiver != null) {
            throw new IllegalStateException("already started");
        }
        receiver = Objects.requireNonNull(r, "receiver");
    }

    @Override
    public void close() {
        closed = true;
        IceSession s = session;
        if (s != null) {
            s.close();
        }
    }
}
