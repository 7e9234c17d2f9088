package io.peerdial.relay.turn;

/** TURN attribute type numbers (RFC 8656 §18, registered in §17). */
public final class TurnAttributeTypes {
    public static final int CHANNEL_NUMBER = 0x000C;
    public static final int LIFETIME = 0x000D;
    public static final int XOR_PEER_ADDRESS = 0x0012;
    public static final int DATA = 0x0013;
    public static final int XOR_RELAYED_ADDRESS = 0x0016;
    public static final int REQUESTED_ADDRESS_FAMILY = 0x0017;
    public static final int EVEN_PORT = 0x0018;
    public static final int REQUESTED_TRANSPORT = 0x0019;
    public static final int DONT_FRAGMENT = 0x001A;
    public static final int RESERVATION_TOKEN = 0x0022;
    public static final int ADDITIONAL_ADDRESS_FAMILY = 0x8000;

    private TurnAttributeTypes() {}
}
