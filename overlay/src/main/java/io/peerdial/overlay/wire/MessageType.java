package io.peerdial.overlay.wire;

/** Type codes on the wire (byte 2 of the header). Requests are odd, their responses even. */
public enum MessageType {
    PING(0x01),
    PONG(0x02),
    FIND_NODE(0x03),
    NODES(0x04),
    FIND_VALUE(0x05),
    VALUES(0x06),
    STORE(0x07),
    STORE_RESULT(0x08),
    AUTH_CHALLENGE(0x09),
    AUTH_PROOF(0x0A),
    APP_REQUEST(0x0B),
    APP_RESPONSE(0x0C),
    ERROR(0x7F);

    private static final MessageType[] BY_CODE = new MessageType[256];

    static {
        for (MessageType t : values()) BY_CODE[t.code] = t;
    }

    public final int code;

    MessageType(int code) {
        this.code = code;
    }

    /** The type for a code, or {@code null} when the code is unknown. */
    public static MessageType ofCode(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }
}
