package io.peerdial.node.media.turn.net;

import io.peerdial.node.media.turn.AllocationMeter;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/** A flow to a server over UDP: one connected socket of our own, datagrams forwarded as they are. */
final class UdpFlow extends Flow {
    private final DatagramChannel channel;

    UdpFlow(TurnTap.Entrance entrance, SocketAddress client, AllocationMeter meter) throws IOException {
        super(entrance, client, meter);
        var server = entrance.target.server();
        channel = DatagramChannel.open(server.getAddress() instanceof java.net.Inet4Address
                ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
        try {
            channel.configureBlocking(false);
            channel.connect(server); // only the server's datagrams come back in
            channel.register(entrance.tap.selector(), SelectionKey.OP_READ, this);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    void toServer(byte[] b, int offset, int length) {
        try {
            if (channel.write(ByteBuffer.wrap(b, offset, length)) == 0) {
                entrance.tap.countDrop();
            }
        } catch (IOException e) { // e.g. PortUnreachableException after an ICMP error: UDP loses it
            entrance.tap.countDrop();
        }
    }

    @Override
    void ready(SelectionKey key) {
        ByteBuffer b = entrance.tap.buffer;
        for (int i = 0; i < 64; i++) {
            b.clear();
            int n;
            try {
                n = channel.read(b);
            } catch (IOException e) { // an ICMP error reported on the connected socket: keep going
                continue;
            }
            if (n <= 0) {
                return;
            }
            meter.fromServer(b.array(), 0, n);
            entrance.toClient(client, b.array(), 0, n);
        }
    }

    @Override
    SelectableChannel channel() {
        return channel;
    }
}
