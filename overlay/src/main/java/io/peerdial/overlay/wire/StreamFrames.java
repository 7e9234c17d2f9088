package io.peerdial.overlay.wire;

import java.util.function.Consumer;

/**
 * Overlay datagrams over a byte stream (TCP), for nodes whose UDP is blocked (docs/PROTOCOL.md
 * "Datagrams over TCP"). Each datagram is sent as a 2-byte big-endian length followed by that many
 * bytes, the same framing as RFC 4571 §2 uses for RTP over TCP. A length of 0 or above
 * {@link MessageCodec#MAX_DATAGRAM} is a protocol violation: no valid datagram is empty or longer,
 * and the reader must not buffer more than one datagram's worth per connection.
 *
 * <p>{@link #frame} encodes; a {@link Reader} (one per connection, sans-IO) decodes the chunks a
 * socket yields, however they split the frames.
 */
public final class StreamFrames {

    /** Bytes of the length prefix. */
    public static final int PREFIX = 2;
    /** Largest datagram a frame may carry. */
    public static final int MAX_PAYLOAD = MessageCodec.MAX_DATAGRAM;
    /** Largest frame on the wire. */
    public static final int MAX_FRAME = PREFIX + MAX_PAYLOAD;

    private StreamFrames() {}

    /**
     * The frame carrying {@code datagram}.
     *
     * @throws IllegalArgumentException if the datagram is empty or longer than {@link #MAX_PAYLOAD}
     */
    public static byte[] frame(byte[] datagram) {
        if (datagram.length == 0 || datagram.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("datagram of " + datagram.length + " bytes cannot be framed (1.." + MAX_PAYLOAD + ")");
        }
        byte[] out = new byte[PREFIX + datagram.length];
        out[0] = (byte) (datagram.length >>> 8);
        out[1] = (byte) datagram.length;
        System.arraycopy(datagram, 0, out, PREFIX, datagram.length);
        return out;
    }

    /** A peer's stream broke the framing; the connection must be closed (there is no way to resynchronise). */
    public static final class FrameException extends Exception {

        /** Why a stream was rejected. */
        public enum Reason {
            /** A length prefix of 0: no overlay datagram is empty. */
            EMPTY_FRAME,
            /** A length prefix above {@link #MAX_PAYLOAD}. */
            OVERSIZED_FRAME
        }

        private final Reason reason;

        public FrameException(Reason reason, String detail) {
            super(reason + ": " + detail, null, false, false); // no stack trace: peers can trigger this cheaply
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /**
     * Reassembles frames from the chunks of one stream. Holds at most one partial frame
     * ({@link #MAX_FRAME} bytes). After a {@link FrameException} it stays failed: every later
     * {@link #feed} throws the same reason.
     */
    public static final class Reader {
        private final byte[] pending = new byte[MAX_FRAME];
        private int filled;
        private FrameException failed;

        /**
         * Consumes {@code length} bytes of {@code chunk} from {@code offset}; hands each complete
         * datagram (a fresh array the consumer owns) to {@code out}, in order.
         *
         * @throws FrameException at the first bad length prefix (the datagrams before it were delivered)
         * @throws IndexOutOfBoundsException if offset/length do not fit the array (API misuse)
         */
        public void feed(byte[] chunk, int offset, int length, Consumer<byte[]> out) throws FrameException {
            java.util.Objects.checkFromIndexSize(offset, length, chunk.length);
            if (failed != null) throw failed;
            int i = offset;
            int end = offset + length;
            while (i < end) {
                if (filled < PREFIX) {
                    pending[filled++] = chunk[i++];
                    if (filled == PREFIX) check(payloadLength());
                    continue;
                }
                int want = PREFIX + payloadLength() - filled;
                int n = Math.min(want, end - i);
                System.arraycopy(chunk, i, pending, filled, n);
                filled += n;
                i += n;
                if (n == want) {
                    out.accept(java.util.Arrays.copyOfRange(pending, PREFIX, filled));
                    filled = 0;
                }
            }
        }

        /** Bytes of a partial frame waiting for the rest. */
        public int buffered() {
            return filled;
        }

        private int payloadLength() {
            return (pending[0] & 0xFF) << 8 | pending[1] & 0xFF;
        }

        private void check(int length) throws FrameException {
            if (length == 0) failed = new FrameException(FrameException.Reason.EMPTY_FRAME, "length prefix 0");
            else if (length > MAX_PAYLOAD) {
                failed = new FrameException(FrameException.Reason.OVERSIZED_FRAME, length + " bytes, limit " + MAX_PAYLOAD);
            }
            if (failed != null) throw failed;
        }
    }
}
