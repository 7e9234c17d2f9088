package io.peerdial.node.media.turn.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.node.media.turn.AllocationMeter;
import io.peerdial.node.media.turn.TurnMessages;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The tap's sockets on 127.0.0.1 between a scripted client (as ice4j) and a scripted TURN server: the
 * bytes each side sees (over TCP: ChannelData padded towards the server, unpadded towards the client,
 * RFC 8656 §12.5), the counts, and what happens to malformed input.
 */
class TurnTapTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int WAIT_MS = 5_000;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables) c.close();
    }

    private <T extends AutoCloseable> T closing(T c) {
        closeables.add(0, c);
        return c;
    }

    private DatagramSocket udp() throws IOException {
        DatagramSocket s = closing(new DatagramSocket(new InetSocketAddress(LOOPBACK, 0)));
        s.setSoTimeout(WAIT_MS);
        return s;
    }

    private static void send(DatagramSocket from, byte[] b, InetSocketAddress to) throws IOException {
        from.send(new DatagramPacket(b, b.length, to));
    }

    private static DatagramPacket receive(DatagramSocket s) throws IOException {
        DatagramPacket p = new DatagramPacket(new byte[70_000], 70_000);
        s.receive(p);
        return p;
    }

    private static byte[] bytes(DatagramPacket p) {
        return Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength());
    }

    @Test
    void overUdpDatagramsPassUnchangedBothWaysAndAreCounted() throws Exception {
        DatagramSocket server = udp();
        DatagramSocket client = udp();
        TurnTap tap = closing(TurnTap.start(List.of(new TurnTap.Target((InetSocketAddress) server.getLocalSocketAddress(), false)), "t"));
        InetSocketAddress entrance = tap.entrance(0);
        assertThat(entrance.getAddress().isLoopbackAddress()).isTrue();

        byte[] send = TurnMessages.sendIndication(161);
        byte[] channel = TurnMessages.channelData(37);
        byte[] garbage = {(byte) 0xC3, 1, 2, 3, 4};
        send(client, send, entrance);
        DatagramPacket first = receive(server);
        assertThat(bytes(first)).isEqualTo(send);
        InetSocketAddress flow = (InetSocketAddress) first.getSocketAddress();
        send(client, channel, entrance);
        send(client, garbage, entrance); // malformed: forwarded as it is, not counted
        assertThat(bytes(receive(server))).isEqualTo(channel);
        assertThat(bytes(receive(server))).isEqualTo(garbage);

        send(server, TurnMessages.COTURN_ALLOCATE_SUCCESS, flow);
        send(server, TurnMessages.COTURN_CHANNEL_DATA, flow);
        byte[] data = TurnMessages.dataIndication(3);
        send(server, data, flow);
        DatagramPacket back = receive(client);
        assertThat(back.getSocketAddress()).isEqualTo(entrance); // where ice4j's harvester expects the server
        assertThat(bytes(back)).isEqualTo(TurnMessages.COTURN_ALLOCATE_SUCCESS);
        assertThat(bytes(receive(client))).isEqualTo(TurnMessages.COTURN_CHANNEL_DATA);
        assertThat(bytes(receive(client))).isEqualTo(data);

        AllocationMeter m = tap.meters(0).get(0);
        assertThat(tap.meters(0)).hasSize(1);
        assertThat(m.bytesToPeers()).isEqualTo(161 + 37);
        assertThat(m.bytesToClient()).isEqualTo(20 + 3);
        assertThat(m.malformed()).isEqualTo(1);
        assertThat(m.relayed()).isEqualTo(TurnMessages.COTURN_RELAYED);
        assertThat(m.mapped()).isEqualTo(TurnMessages.COTURN_MAPPED);
    }

    @Test
    void eachClientSocketGetsItsOwnFlowUpToTheBound() throws Exception {
        DatagramSocket server = udp();
        TurnTap tap = closing(TurnTap.start(List.of(new TurnTap.Target((InetSocketAddress) server.getLocalSocketAddress(), false)), "t"));
        java.util.Set<java.net.SocketAddress> flows = new java.util.HashSet<>();
        for (int i = 0; i < TurnTap.MAX_FLOWS_PER_TARGET; i++) {
            send(udp(), TurnMessages.channelData(i), tap.entrance(0));
            flows.add(receive(server).getSocketAddress());
        }
        assertThat(flows).hasSize(TurnTap.MAX_FLOWS_PER_TARGET);
        send(udp(), TurnMessages.channelData(1), tap.entrance(0)); // one flow too many: dropped
        server.setSoTimeout(300);
        try {
            DatagramPacket p = receive(server);
            throw new AssertionError("forwarded a flow over the bound from " + p.getSocketAddress());
        } catch (SocketTimeoutException expected) {
            assertThat(tap.meters(0)).hasSize(TurnTap.MAX_FLOWS_PER_TARGET);
        }
    }

    @Test
    void overTcpFramesArePaddedTowardsTheServerAndUnpaddedTowardsTheClient() throws Exception {
        ServerSocket listener = closing(new ServerSocket(0, 4, LOOPBACK));
        listener.setSoTimeout(WAIT_MS);
        DatagramSocket client = udp();
        TurnTap tap = closing(TurnTap.start(List.of(new TurnTap.Target((InetSocketAddress) listener.getLocalSocketAddress(), true)), "t"));

        byte[] channel5 = TurnMessages.channelData(5);        // 9 bytes over UDP, 12 in the stream
        byte[] send = TurnMessages.sendIndication(100);
        byte[] badStun = Arrays.copyOf(send, send.length + 4);  // its length field no longer fits: would break the stream
        send(client, channel5, tap.entrance(0));
        Socket connection = closing(listener.accept());
        connection.setSoTimeout(WAIT_MS);
        send(client, badStun, tap.entrance(0));
        send(client, send, tap.entrance(0));
        byte[] request = TurnMessages.COTURN_ALLOCATE_SUCCESS.clone();
        request[0] = 0; request[1] = 3;                 // an Allocate request of the same size
        send(client, request, tap.entrance(0));
        send(client, request, tap.entrance(0));          // ice4j's UDP retransmission: not into the stream
        DataInputStream in = new DataInputStream(connection.getInputStream());
        byte[] got = new byte[12 + send.length + request.length];
        in.readFully(got);
        assertThat(Arrays.copyOf(got, 12)).isEqualTo(Arrays.copyOf(channel5, 12)); // header, payload, 3 zero bytes
        assertThat(Arrays.copyOfRange(got, 12, 12 + send.length)).isEqualTo(send); // the bad one was dropped whole
        assertThat(Arrays.copyOfRange(got, 12 + send.length, got.length)).isEqualTo(request);
        assertThat(tap.dropped()).isEqualTo(1);

        byte[] data = TurnMessages.dataIndication(7);
        byte[] stream = concat(TurnMessages.COTURN_ALLOCATE_SUCCESS, Arrays.copyOf(channel5, 12), data, TurnMessages.COTURN_CHANNEL_DATA);
        OutputStream out = connection.getOutputStream();
        for (int at = 0; at < stream.length; at += 5) { // frames cut across TCP segments
            out.write(stream, at, Math.min(5, stream.length - at));
            out.flush();
        }
        assertThat(bytes(receive(client))).isEqualTo(TurnMessages.COTURN_ALLOCATE_SUCCESS);
        assertThat(bytes(receive(client))).isEqualTo(channel5); // padding stripped: UDP form
        assertThat(bytes(receive(client))).isEqualTo(data);
        assertThat(bytes(receive(client))).isEqualTo(TurnMessages.COTURN_CHANNEL_DATA);
        assertThat(in.available()).isZero(); // the retransmitted request never reached the server

        AllocationMeter m = tap.meters(0).get(0);
        assertThat(m.bytesToPeers()).isEqualTo(5 + 100);
        assertThat(m.bytesToClient()).isEqualTo(5 + 7 + 20);
        assertThat(m.relayed()).isEqualTo(TurnMessages.COTURN_RELAYED);
        assertThat(m.mapped()).isEqualTo(TurnMessages.COTURN_MAPPED);
        assertThat(m.malformed()).isEqualTo(1); // the bad STUN datagram

        out.write(new byte[] {(byte) 0xFF, 0, 0, 0}); // the stream loses its framing: the tap hangs up
        out.flush();
        assertThat(in.read()).isEqualTo(-1);
        assertThat(m.malformed()).isEqualTo(2);
    }

    @Test
    void closingTheTapClosesItsTcpConnections() throws Exception {
        ServerSocket listener = closing(new ServerSocket(0, 4, LOOPBACK));
        listener.setSoTimeout(WAIT_MS);
        DatagramSocket client = udp();
        TurnTap tap = TurnTap.start(List.of(new TurnTap.Target((InetSocketAddress) listener.getLocalSocketAddress(), true)), "t");
        send(client, TurnMessages.channelData(4), tap.entrance(0));
        Socket connection = closing(listener.accept());
        connection.setSoTimeout(WAIT_MS);
        connection.getInputStream().readNBytes(8);
        tap.close();
        assertThat(connection.getInputStream().read()).isEqualTo(-1);
        assertThat(tap.meters(0)).singleElement().extracting(AllocationMeter::bytesToPeers).isEqualTo(4L); // still readable
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
