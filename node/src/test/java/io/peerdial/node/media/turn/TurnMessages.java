package io.peerdial.node.media.turn;

import io.peerdial.overlay.stun.StunClass;
import io.peerdial.overlay.stun.StunEncoder;
import io.peerdial.overlay.stun.StunMessage;
import io.peerdial.overlay.stun.TransactionId;
import io.peerdial.relay.turn.ChannelData;
import io.peerdial.relay.turn.Data;
import io.peerdial.relay.turn.TurnMethods;
import io.peerdial.relay.turn.XorPeerAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** TURN datagrams for the tap's tests: captured ones from coturn, and ones built with the relay module's codec. */
public final class TurnMessages {
    /**
     * coturn 4.6.1's Allocate success response, captured on loopback (relay module,
     * coturn-4.6.1-session.txt): XOR-RELAYED-ADDRESS 127.0.0.1:52070, XOR-MAPPED-ADDRESS 127.0.0.1:46471.
     */
    public static final byte[] COTURN_ALLOCATE_SUCCESS = HexFormat.of().parseHex(
            "010300582112a4422eb37fe65544b7dcff4a608d001600080001ea745e12a44300200008000194955e12a443000d000400000309"
                    + "80220014436f7475726e2d342e362e312027476f7273742700080014b1fc8de93b764b364a36bb7402b884a6f72f6354"
                    + "802800044c27b1c7");
    public static final InetSocketAddress COTURN_RELAYED = new InetSocketAddress("127.0.0.1", 52070);
    public static final InetSocketAddress COTURN_MAPPED = new InetSocketAddress("127.0.0.1", 46471);
    /** coturn 4.6.1's Refresh request (LIFETIME 777 s) and its success response, from the same capture. */
    public static final byte[] COTURN_REFRESH_REQUEST = HexFormat.of().parseHex(
            "000400542112a442e9af7b6b9c41c4e3d04f233e000d000400000309000600047465737400150010636235343862343935306436"
                    + "343566350014000a746573742e6c6f63616c000000080014c654c9c66f35df7f740a210cbeef70a12b0affe580280004aec65041");
    public static final byte[] COTURN_REFRESH_SUCCESS = HexFormat.of().parseHex(
            "010400402112a442e9af7b6b9c41c4e3d04f233e000d00040000030980220014436f7475726e2d342e362e312027476f7273742700"
                    + "080014d3738fa1572a2e13b131cc81a89f24635de9264080280004412c8a9b");
    /** coturn's ChannelData on channel 0x4F57, 20 payload bytes. */
    public static final byte[] COTURN_CHANNEL_DATA = HexFormat.of().parseHex("4f57001400000000070707070a1900000000000007070707");
    public static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 3480);

    private static final SplittableRandom RANDOM = new SplittableRandom(8656);

    private TurnMessages() {}

    public static byte[] sendIndication(int dataLength) {
        return indication(TurnMethods.SEND, dataLength);
    }

    public static byte[] dataIndication(int dataLength) {
        return indication(TurnMethods.DATA, dataLength);
    }

    private static byte[] indication(int method, int dataLength) {
        return StunEncoder.standard().encode(StunMessage.of(StunClass.INDICATION, method, TransactionId.random(RANDOM),
                new XorPeerAddress(PEER), new Data(payload(dataLength))));
    }

    /** A ChannelData message as UDP carries it (no padding). */
    public static byte[] channelData(int payloadLength) {
        return new ChannelData(0x4001, payload(payloadLength)).encode(false);
    }

    public static byte[] payload(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte) (0x80 + i);
        return b;
    }
}
