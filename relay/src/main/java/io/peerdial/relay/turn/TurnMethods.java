package io.peerdial.relay.turn;

/** TURN method numbers (RFC 8656 §17); plain ints for {@code StunMessage.of}. */
public final class TurnMethods {
    public static final int ALLOCATE = 0x003;
    public static final int REFRESH = 0x004;
    public static final int SEND = 0x006;
    public static final int DATA = 0x007;
    public static final int CREATE_PERMISSION = 0x008;
    public static final int CHANNEL_BIND = 0x009;

    private TurnMethods() {}
}
