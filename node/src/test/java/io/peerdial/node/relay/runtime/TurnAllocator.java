package io.peerdial.node.relay.runtime;

import io.peerdial.node.relay.RelayCredentials;
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
import io.peerdial.overlay.stun.XorMappedAddress;
import io.peerdial.relay.turn.RequestedTransport;
import io.peerdial.relay.turn.TurnAttributes;
import io.peerdial.relay.turn.TurnMethods;
import io.peerdial.relay.turn.XorRelayedAddress;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A raw TURN Allocate over UDP on loopback (RFC 8656 §7.1, long-term credentials RFC 8489 §9.2),
 * built with the relay module's codec: what ice4j's harvester will do with {@link RelayCredentials}.
 */
final class TurnAllocator implements AutoCloseable {

    /** The Allocate outcome: an error code (0 on success) and the addresses of a success response. */
    record Result(int errorCode, InetSocketAddress relayed, InetSocketAddress mapped) {}

    private final DatagramSocket socket;
    private final SplittableRandom random = new SplittableRandom(8);
    private String nonce;

    TurnAllocator(InetSocketAddress local) throws IOException {
        socket = new DatagramSocket(local);
        socket.setSoTimeout(5_000);
    }

    Result allocate(RelayCredentials c) throws Exception {
        StunMessage challenge = roundTrip(c.turnServer(), request(c, null));
        String nonce = challenge.first(Nonce.class).orElseThrow().value();
        this.nonce = nonce;
        StunMessage answer = roundTrip(c.turnServer(), request(c, nonce));
        if (answer.messageClass() != StunClass.SUCCESS_RESPONSE) {
            return new Result(answer.first(ErrorCode.class).orElseThrow().code(), null, null);
        }
        return new Result(0, answer.first(XorRelayedAddress.class).orElseThrow().address(),
                answer.first(XorMappedAddress.class).orElseThrow().address());
    }

    private byte[] request(RelayCredentials c, String nonce) {
        List<StunAttribute> all = new ArrayList<>(List.of(new RequestedTransport(17)));
        if (nonce != null) all.addAll(List.of(new Username(c.username()), new Realm(c.realm()), new Nonce(nonce)));
        byte[] b = StunEncoder.standard().encode(new StunMessage(StunMessageType.of(StunClass.REQUEST, TurnMethods.ALLOCATE),
                TransactionId.random(random), all));
        if (nonce != null) b = StunIntegrity.appendSha1(b, StunIntegrity.longTermKey(c.username(), c.realm(), c.password()));
        return StunFingerprint.append(b);
    }

    /** CreatePermission for {@code peer} (RFC 8656 §9), after {@link #allocate}; returns the error code, 0 on success. */
    int permit(RelayCredentials c, InetSocketAddress peer) throws Exception {
        List<StunAttribute> all = List.of(new io.peerdial.relay.turn.XorPeerAddress(peer), new Username(c.username()),
                new Realm(c.realm()), new Nonce(nonce));
        byte[] b = StunEncoder.standard().encode(new StunMessage(StunMessageType.of(StunClass.REQUEST,
                TurnMethods.CREATE_PERMISSION), TransactionId.random(random), all));
        b = StunFingerprint.append(StunIntegrity.appendSha1(b, StunIntegrity.longTermKey(c.username(), c.realm(), c.password())));
        StunMessage answer = roundTrip(c.turnServer(), b);
        return answer.messageClass() == StunClass.SUCCESS_RESPONSE ? 0 : answer.first(ErrorCode.class).orElseThrow().code();
    }

    /** A Send indication (RFC 8656 §10.1: no authentication) carrying {@code data} to {@code peer}. */
    void send(RelayCredentials c, InetSocketAddress peer, byte[] data) throws IOException {
        byte[] b = StunFingerprint.append(StunEncoder.standard().encode(new StunMessage(StunMessageType.of(StunClass.INDICATION,
                TurnMethods.SEND), TransactionId.random(random),
                List.of(new io.peerdial.relay.turn.XorPeerAddress(peer), new io.peerdial.relay.turn.Data(data)))));
        socket.send(new DatagramPacket(b, b.length, c.turnServer()));
    }

    private StunMessage roundTrip(InetSocketAddress server, byte[] request) throws Exception {
        socket.send(new DatagramPacket(request, request.length, server));
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        socket.receive(p);
        return TurnAttributes.decoder().decode(Arrays.copyOf(p.getData(), p.getLength()));
    }

    @Override
    public void close() {
        socket.close();
    }
}
