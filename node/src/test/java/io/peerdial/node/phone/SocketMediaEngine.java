package io.peerdial.node.phone;

import io.peerdial.node.media.sdp.Negotiated;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/** A media engine with real sockets and no audio: tests send raw datagrams to where the SDP says and collect what arrives. */
final class SocketMediaEngine implements MediaEngine {

    final List<Leg> legs = new CopyOnWriteArrayList<>();

    @Override
    public CallMedia open(InetAddress localAddress, MediaOptions options) throws IOException {
        Leg leg = new Leg(new DatagramSocket(new InetSocketAddress(localAddress, 0)));
        legs.add(leg);
        return leg;
    }

    @Override
    public String describe() {
        return "test-sockets";
    }

    static final class Leg implements CallMedia {
        final DatagramSocket socket;
        final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        volatile Negotiated agreed;

        Leg(DatagramSocket socket) {
            this.socket = socket;
            Thread t = new Thread(() -> {
                byte[] buf = new byte[1500];
                while (!socket.isClosed()) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    try {
                        socket.receive(p);
                    } catch (IOException closed) {
                        return;
                    }
                    received.add(java.util.Arrays.copyOf(buf, p.getLength()));
                }
            }, "test-media-" + socket.getLocalPort());
            t.setDaemon(true);
            t.start();
        }

        void send(byte[] datagram) throws IOException {
            Negotiated n = agreed;
            socket.send(new DatagramPacket(datagram, datagram.length, new InetSocketAddress(n.remoteAddress(), n.remotePort())));
        }

        @Override
        public int localPort() {
            return socket.getLocalPort();
        }

        @Override
        public void start(Negotiated agreed) {
            this.agreed = agreed;
        }

        @Override
        public boolean sendDtmf(String digits) {
            return false;
        }

        @Override
        public MediaStats stats() {
            return MediaStats.NONE;
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
