package io.peerdial.p2p.net;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link DatagramPath} over a plain UDP socket to one peer address; datagrams from anyone else are ignored. */
public final class UdpDatagramPath implements DatagramPath {

    private static final Logger LOG = LoggerFactory.getLogger(UdpDatagramPath.class);
    private static final int SOCKET_BUFFER = 4 << 20;

    private final DatagramSocket socket;
    private final InetSocketAddress peer;
    private Thread receiverThread;

    /** Takes ownership of {@code socket} (bound); sends to {@code peer}. Enlarges the socket buffers. */
    public UdpDatagramPath(DatagramSocket socket, InetSocketAddress peer) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.peer = Objects.requireNonNull(peer, "peer");
        try {
            // a window's worth of datagrams can arrive back to back; the kernel may cap these values
            socket.setReceiveBufferSize(SOCKET_BUFFER);
            socket.setSendBufferSize(SOCKET_BUFFER);
        } catch (SocketException e) {
            LOG.debug("could not enlarge UDP socket buffers", e);
        }
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void send(byte[] data, int offset, int length) throws IOException {
        socket.send(new DatagramPacket(data, offset, length, peer));
    }

    @Override
    public synchronized void start(Receiver receiver) {
        Objects.requireNonNull(receiver, "receiver");
        if (receiverThread != null) {
            throw new IllegalStateException("already started");
        }
        receiverThread = new Thread(() -> receiveLoop(receiver), "udp-path-" + localAddress().getPort());
        receiverThread.setDaemon(true);
        receiverThread.start();
    }

    private void receiveLoop(Receiver receiver) {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.debug("UDP receive failed", e);
                }
                continue;
            }
            if (peer.equals(packet.getSocketAddress())) {
                receiver.onDatagram(buffer, packet.getOffset(), packet.getLength());
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
