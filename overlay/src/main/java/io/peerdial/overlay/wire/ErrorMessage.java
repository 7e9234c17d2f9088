package io.peerdial.overlay.wire;

import java.util.Objects;

/**
 * ERROR: a request was understood well enough to answer (its transaction id is echoed) but refused.
 * {@code detail} is at most 255 bytes of UTF-8.
 */
public record ErrorMessage(Header header, ErrorCode code, String detail) implements Message.Response {
    public ErrorMessage {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        ShortText.utf8(detail, "detail"); // at most 255 bytes of UTF-8, or IllegalArgumentException
    }
    @Override public MessageType type() { return MessageType.ERROR; }

    /** Why a request was refused. */
    public enum ErrorCode {
        MALFORMED(1),
        RATE_LIMITED(2),
        UNSUPPORTED(3),
        OVERLOADED(4),
        /** An APP_REQUEST for a service the responder does not serve. */
        UNKNOWN_SERVICE(5);

        public final int code;

        ErrorCode(int code) {
            this.code = code;
        }

        public static ErrorCode ofCode(int code) {
            for (ErrorCode c : values()) if (c.code == code) return c;
            return null;
        }
    }
}
