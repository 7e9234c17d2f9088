package io.peerdial.node.media.turn;

import java.util.Arrays;
import java.util.Objects;

/**
 * Recognises ice4j's retransmissions of a STUN request on their way into a TCP stream. ice4j talks
 * UDP to the tap and retransmits a request until it is answered (RFC 8489 §6.2.1); over TCP the
 * client must not (§6.2.2: the transport is reliable), and a TURN server may answer a repeated
 * Allocate with 437 Allocation Mismatch (RFC 8656 §7.2). So a TCP flow forwards each request's
 * transaction ID once. Remembers the last {@value #REMEMBERED} request IDs; not thread-safe (the tap's
 * thread only).
 */
public final class RetransmissionFilter {
    static final int REMEMBERED = 16;
    private static final int TRANSACTION_ID = 12;

    private final byte[][] seen = new byte[REMEMBERED][];
    private int next;

    /** Whether the datagram is a STUN request whose transaction ID went out already; records it if not. */
    public boolean isRetransmission(byte[] b, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, b.length);
        if (length < TurnFraming.STUN_HEADER || !TurnFraming.isStun(b[offset])
                || (TurnFraming.readShort(b, offset) & 0x0110) != 0) { // RFC 8489 §5: class bits C1 C0 = 00, a request
            return false;
        }
        int from = offset + 8;
        for (byte[] id : seen) {
            if (id != null && Arrays.equals(id, 0, TRANSACTION_ID, b, from, from + TRANSACTION_ID)) {
                return true;
            }
        }
        seen[next] = Arrays.copyOfRange(b, from, from + TRANSACTION_ID);
        next = (next + 1) % REMEMBERED;
        return false;
    }
}
