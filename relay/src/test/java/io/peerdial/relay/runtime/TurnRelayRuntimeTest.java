package io.peerdial.relay.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.stun.ErrorCode;
import io.peerdial.overlay.stun.Nonce;
import io.peerdial.overlay.stun.Realm;
import io.peerdial.overlay.stun.StunAttribute;
import io.peerdial.overlay.stun.StunClass;
import io.peerdial.overlay.stun.StunEncoder;
import io.peerdial.overlay.stun.StunFingerprint;
import io.peerdial.overlay.stun.StunIntegrity;
import io.peerdial.overlay.stun.StunMessage;
import io.peerdial.overlay.stun.StunMessageType;
import io.peerdial.overlay.stun.TransactionId;
import io.peerdial.overlay.stun.Username;
import io.peerdial.relay.server.Credentials;
import io.peerdial.relay.server.PeerAddressPolicy;
import io.peerdial.relay.server.TurnConfig;
import io.peerdial.relay.turn.ChannelData;
import io.peerdial.relay.turn.ChannelNumber;
import io.peerdial.relay.turn.RequestedTransport;
import io.peerdial.relay.turn.TurnAttributes;
import io.peerdial.relay.turn.TurnMethods;
import io.peerdial.relay.turn.XorPeerAddress;
import io.peerdial.relay.turn.XorRelayedAddress;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real driver on loopback: a client allocates with credentials, binds a channel to a peer
 * socket, and ChannelData goes both ways through real sockets, over UDP and over TCP. Blocking
 * reads with a timeout (no sleeps); only 127.0.0.1.
 */
class TurnRelayRuntimeTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final byte[] KEY = StunIntegrity.longTermKey("u", "r", "p");
    private final SplittableRandom random = new SplittableRandom(1);
    private TurnRelayRuntime relay;
    private DatagramSocket peer;

    @BeforeEach
    void start() throws IOException {
        TurnConfig config = TurnConfig.defaults("r").withPeerPolicy(new PeerAddressPolicy(true, false));
        relay = TurnRelayRuntime.start(new TurnRelayRuntime.Settings(new InetSocketAddress(LOOPBACK, 0), LOOPBACK,
                52_100, 52_199, config, Credentials.of(Map.of("u", "p"))));
        peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        peer.setSoTimeout(5_000);
    }

    @AfterEach
    void stop() {
        relay.close();
        peer.close();
    }

    /** One request/response exchange, abstracted over UDP and TCP. */
    private interface Exchange {
        byte[] roundTrip(byte[] request) throws IOException;

        void send(byte[] frame) throws IOException;

        byte[] receive() throws IOException;
    }

    @Test
    void relaysOverUdp() throws Exception {
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            client.setSoTimeout(5_000);
            Exchange udp = new Exchange() {
                public byte[] roundTrip(byte[] request) throws IOException {
                    send(request);
                    return receive();
                }

                public void send(byte[] frame) throws IOException {
                    client.send(new DatagramPacket(frame, frame.length, relay.listenAddress()));
                }

                public byte[] receive() throws IOException {
                    DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
                    client.receive(p);
                    return Arrays.copyOf(p.getData(), p.getLength());
                }
            };
            relayBothWays(udp, false);
        }
    }

    @Test
    void relaysOverTcp() throws Exception {
        try (Socket socket = new Socket(relay.listenAddress().getAddress(), relay.listenAddress().getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            Exchange tcp = new Exchange() {
                public byte[] roundTrip(byte[] request) throws IOException {
                    send(request);
                    return receive();
                }

                public void send(byte[] frame) throws IOException {
                    out.write(frame);
                    out.flush();
                }

                public byte[] receive() throws IOException { // one frame: STUN or padded ChannelData
                    byte[] header = new byte[4];
                    in.readFully(header);
                    int length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
                    int rest = (header[0] & 0xC0) == 0 ? 16 + length : (length + 3) & ~3;
                    byte[] frame = Arrays.copyOf(header, 4 + rest);
                    in.readFully(frame, 4, rest);
                    return frame;
                }
            };
            relayBothWays(tcp, true);
        }
    }

    private void relayBothWays(Exchange client, boolean tcp) throws Exception {
        StunMessage challenge = decode(client.roundTrip(request(TurnMethods.ALLOCATE, null, new RequestedTransport(17))));
        assertThat(challenge.first(ErrorCode.class).orElseThrow().code()).isEqualTo(401);
        String nonce = challenge.first(Nonce.class).orElseThrow().value();
        StunMessage allocated = decode(client.roundTrip(request(TurnMethods.ALLOCATE, nonce, new RequestedTransport(17))));
        InetSocketAddress relayed = allocated.first(XorRelayedAddress.class).orElseThrow().address();
        assertThat(relayed.getPort()).isBetween(52_100, 52_199);
        InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
        StunMessage bound = decode(client.roundTrip(request(TurnMethods.CHANNEL_BIND, nonce,
                new ChannelNumber(0x4000), new XorPeerAddress(peerAddress))));
        assertThat(bound.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);

        client.send(new ChannelData(0x4000, new byte[] {1, 2, 3}).encode(tcp));
        DatagramPacket atPeer = new DatagramPacket(new byte[100], 100);
        peer.receive(atPeer);
        assertThat(Arrays.copyOf(atPeer.getData(), atPeer.getLength())).containsExactly(1, 2, 3);
        assertThat(atPeer.getSocketAddress()).isEqualTo(relayed);

        byte[] reply = {9, 8, 7, 6, 5};
        peer.send(new DatagramPacket(reply, reply.length, relayed));
        assertThat(client.receive()).isEqualTo(new ChannelData(0x4000, reply).encode(tcp));
    }

    private byte[] request(int method, String nonce, StunAttribute... attributes) {
        List<StunAttribute> all = new ArrayList<>(List.of(attributes));
        if (nonce != null) {
            all.addAll(List.of(new Username("u"), new Realm("r"), new Nonce(nonce)));
        }
        byte[] b = StunEncoder.standard().encode(new StunMessage(StunMessageType.of(StunClass.REQUEST, method),
                TransactionId.random(random), all));
        if (nonce != null) {
            b = StunIntegrity.appendSha1(b, KEY);
        }
        return StunFingerprint.append(b);
    }

    private static StunMessage decode(byte[] b) throws Exception {
        return TurnAttributes.decoder().decode(b);
    }
}
