package io.peerdial.p2p.stream;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * One stream segment: exactly one per datagram. Every segment names the connection (an id both ends agreed
 * on out of band, e.g. in the signalling that set up the path; a new id is a new epoch) so that a stray
 * datagram from an earlier connection on the same path is recognised and dropped.
 */
public sealed interface Segment permits Segment.Data, Segment.Ack, Segment.Ping, Segment.Fin, Segment.Reset {

    int connectionId();

    /** Bytes {@code [offset, offset + payload.length)} of the sender's stream, plus its acknowledgement state. */
    record Data(int connectionId, AckInfo ack, long offset, byte[] payload) implements Segment {
        public Data {
            Objects.requireNonNull(ack, "ack");
            payload = payload.clone();
            if (payload.length == 0 || offset < 0 || offset > SegmentCodec.MAX_OFFSET - payload.length) {
                throw new IllegalArgumentException("bad data segment: offset " + offset + ", " + payload.length + " bytes");
            }
        }

        /** A copy of the payload. */
        @Override
        public byte[] payload() {
            return payload.clone();
        }

        /** The payload without copying, read-only. */
        public ByteBuffer payloadView() {
            return ByteBuffer.wrap(payload).asReadOnlyBuffer();
        }

        public int length() {
            return payload.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Data d && d.connectionId == connectionId && d.ack.equals(ack) && d.offset == offset
                    && Arrays.equals(d.payload, payload);
        }

        @Override
        public int hashCode() {
            return Objects.hash(connectionId, ack, offset, Arrays.hashCode(payload));
        }

        @Override
        public String toString() {
            return "Data[conn=" + connectionId + ", " + ack + ", offset=" + offset + ", length=" + payload.length + "]";
        }
    }

    /** Acknowledgement and window state only; never acknowledged itself. */
    record Ack(int connectionId, AckInfo ack) implements Segment {
        public Ack {
            Objects.requireNonNull(ack, "ack");
        }
    }

    /** Asks for an immediate {@link Ack}: keep-alive and zero-window probe. */
    record Ping(int connectionId, AckInfo ack) implements Segment {
        public Ping {
            Objects.requireNonNull(ack, "ack");
        }
    }

    /** The sender's stream ends at {@code finalSize}; the FIN itself occupies offset {@code finalSize} (RFC 9293 §3.5). */
    record Fin(int connectionId, AckInfo ack, long finalSize) implements Segment {
        public Fin {
            Objects.requireNonNull(ack, "ack");
            if (finalSize < 0 || finalSize >= SegmentCodec.MAX_OFFSET) {
                throw new IllegalArgumentException("bad final size " + finalSize);
            }
        }
    }

    /** The sender aborted the connection in both directions; {@code code} is the application's reason. */
    record Reset(int connectionId, int code) implements Segment {
    }
}
