package io.peerdial.node.media.turn;

import java.util.Objects;

/**
 * Cuts the byte stream of one TURN-over-TCP connection (RFC 8656 §3.1) into frames with
 * {@link TurnFraming#streamFrameLength}. Holds at most one partial frame plus what the last
 * {@link #feed} brought: a fixed buffer of {@link TurnFraming#MAX_FRAME} bytes, never more.
 *
 * <p>Use: {@code feed} what the socket read (it takes what fits and says how much), then call
 * {@link #next} until it returns false, reading each frame from {@link #array()} at
 * {@link #frameOffset()}; then feed the rest. A {@link TapParseException} from {@code next} means
 * the stream lost its framing: close the connection.
 */
public final class StreamDeframer {
    private final byte[] buffer = new byte[TurnFraming.MAX_FRAME + 1];
    private int start;
    private int end;
    private int frameOffset;
    private int frameLength;

    /** Copies up to {@code length} bytes in; returns how many it took (less when the buffer is full). */
    public int feed(byte[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        if (start > 0 && buffer.length - end < length) { // make room: move the partial frame to the front
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        int n = Math.min(length, buffer.length - end);
        System.arraycopy(src, offset, buffer, end, n);
        end += n;
        return n;
    }

    /** Whether a whole frame is ready; if so it is at {@link #frameOffset()} for {@link #frameLength()} bytes. */
    public boolean next() throws TapParseException {
        int length = TurnFraming.streamFrameLength(buffer, start, end - start);
        if (length < 0 || length > end - start) {
            return false;
        }
        frameOffset = start;
        frameLength = length;
        start += length;
        if (start == end) {
            start = 0;
            end = 0;
        }
        return true;
    }

    /** The buffer the current frame is in; valid until the next {@link #feed}. */
    public byte[] array() {
        return buffer;
    }

    public int frameOffset() {
        return frameOffset;
    }

    /** The frame's length in the stream, ChannelData padding included. */
    public int frameLength() {
        return frameLength;
    }

    /** Bytes held that are not yet a whole frame. */
    public int pending() {
        return end - start;
    }
}
