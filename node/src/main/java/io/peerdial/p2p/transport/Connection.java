package io.peerdial.p2p.transport;

import io.peerdial.node.media.ice.CandidateKind;
import io.peerdial.node.media.ice.SelectedPair;
import io.peerdial.p2p.P2PAddress;
import io.peerdial.p2p.P2PPath;
import io.peerdial.p2p.PathType;
import io.peerdial.p2p.net.ChannelMux;
import io.peerdial.p2p.net.IceDatagramPath;
import io.peerdial.p2p.net.StreamSocket;
import io.peerdial.p2p.stream.StreamConfig;
import java.io.IOException;
import java.net.SocketException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One established P2P connection (internal): the ICE path, its {@link ChannelMux}, the datagram inbox and the
 * {@link StreamSocket}; closing it closes the stream (with linger), the ICE session and the SIP session (BYE).
 */
public final class Connection implements AutoCloseable {

    /** Datagrams kept unread before new ones are dropped. */
    public static final int DATAGRAM_QUEUE = 1024;

    private final String callId;
    private final P2PAddress local;
    private final P2PAddress remote;
    private final String remoteFingerprint;
    private final boolean initiator;
    private final IceDatagramPath path;
    private final ChannelMux mux;
    private final Inbox<byte[]> datagrams;
    private final Endpoint endpoint;
    private volatile StreamSocket stream;
    private volatile P2PPath selected;
    private final AtomicBoolean closed = new AtomicBoolean();

    Connection(Endpoint endpoint, String callId, P2PAddress local, P2PAddress remote, String remoteFingerprint, boolean initiator,
            IceDatagramPath path, ChannelMux mux, Inbox<byte[]> datagrams) {
        this.endpoint = endpoint;
        this.callId = callId;
        this.local = local;
        this.remote = remote;
        this.remoteFingerprint = remoteFingerprint;
        this.initiator = initiator;
        this.path = path;
        this.mux = mux;
        this.datagrams = datagrams;
    }

    /** An inbox whose datagrams a {@link ChannelMux} fills (copies: the receive buffer is reused). */
    static Inbox<byte[]> datagramInbox() {
        return new Inbox<>(DATAGRAM_QUEUE);
    }

    static ChannelMux mux(IceDatagramPath path, Inbox<byte[]> inbox) {
        return new ChannelMux(path, (data, offset, length) -> inbox.offer(Arrays.copyOfRange(data, offset, offset + length)));
    }

    /** ICE completed: the stream starts on the path (same connection id on both sides: from the Call-ID). */
    void established(SelectedPair pair, StreamConfig config) {
        boolean relayed = pair.localType() == CandidateKind.RELAY || pair.remoteType() == CandidateKind.RELAY;
        selected = new P2PPath(relayed ? PathType.RELAYED : PathType.DIRECT, pair.local(), pair.localType().token(), pair.remote(),
                pair.remoteType().token(), pair.startToCompleted());
        stream = StreamSocket.open(mux.streamChannel(), config, callId.hashCode());
    }

    public String callId() {
        return callId;
    }

    public P2PAddress localAddress() {
        return local;
    }

    public P2PAddress remoteAddress() {
        return remote;
    }

    public String remoteFingerprint() {
        return remoteFingerprint;
    }

    public boolean initiator() {
        return initiator;
    }

    public P2PPath path() {
        return selected;
    }

    public StreamSocket stream() {
        return stream;
    }

    public Inbox<byte[]> datagrams() {
        return datagrams;
    }

    public void send(byte[] data, int offset, int length) throws IOException {
        if (closed.get()) {
            throw new SocketException("socket closed");
        }
        mux.sendDatagram(data, offset, length);
    }

    /** The peer ended the SIP session: no more datagrams will come (the stream ends on its own FIN/RST). */
    void peerEnded() {
        datagrams.close(() -> new SocketException("closed by the peer"));
    }

    /** The ICE session under this connection's path. */
    io.peerdial.node.media.ice.IceSession iceSession() {
        return path.session();
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        datagrams.close(() -> new SocketException("socket closed"), true);
        StreamSocket s = stream;
        if (s != null) {
            s.close(); // lingers for the clean end of both directions
        }
        endpoint.closing(this); // final relay receipts while the ICE session still counts
        path.close();
        endpoint.ended(this);
    }
}
