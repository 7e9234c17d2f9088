package io.peerdial.overlay.wire;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Answer to {@link Store}: whether the value was kept and, if not, the storage policy's typed
 * reason ({@code status} code) and a short human-readable detail (at most 255 bytes of UTF-8).
 */
public record StoreResult(Header header, InetSocketAddress observed, int status, String detail)
        implements Message.Response {
    public StoreResult {
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(detail, "detail");
        ShortText.utf8(detail, "detail"); // at most 255 bytes of UTF-8, or IllegalArgumentException
        if (status < 0 || status > 0xFF) {
            throw new IllegalArgumentException("status must fit in 8 bits, got " + status);
        }
    }
    @Override public MessageType type() { return MessageType.STORE_RESULT; }
}
