package io.peerdial.p2p.net;

import io.peerdial.p2p.stream.SegmentCodec;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Two channels of a P2P socket on one {@link DatagramPath}, told apart by the first byte (docs/P2P.md
 * "Framing"):
 *
 * <ul>
 *   <li>{@code 0x01}: a stream segment, sent as {@link SegmentCodec} encodes it (its first byte is the codec's
 *       version, 1): no copy, and segments keep their 1200-byte limit;</li>
 *   <li>{@code 0xD0}: an application datagram, the byte followed by the payload (at most
 *       {@link #MAX_DATAGRAM} bytes).</li>
 * </ul>
 *
 * Both values lie outside the ranges RFC 7983 gives STUN (0–3 is STUN only with a magic cookie, which a segment
 * header cannot carry: its offset field's top bits are zero), DTLS, TURN channels and RTP (0xD0 is in the unused
 * 192–255 range). Anything else is dropped.
 */
public final class ChannelMux implements DatagramPath.Receiver {

    public static final byte STREAM = SegmentCodec.VERSION;
    public static final byte DATAGRAM = (byte) 0xD0;
    /** Largest application datagram: the path's 1200 bytes less the channel byte. */
    public static final int MAX_DATAGRAM = SegmentCodec.MAX_DATAGRAM - 1;

    private final DatagramPath path;
    private final DatagramPath.Receiver datagrams;
    private volatile DatagramPath.Receiver stream;

    /** Demultiplexes what {@code path} receives; application datagrams go to {@code datagrams} (channel byte removed). */
    public ChannelMux(DatagramPath path, DatagramPath.Receiver datagrams) {
        this.path = Objects.requireNonNull(path, "path");
        this.datagrams = Objects.requireNonNull(datagrams, "datagrams");
    }

    /** Starts the underlying path with this mux as its receiver. */
    public void start() {
        path.start(this);
    }

    @Override
    public void onDatagram(byte[] data, int offset, int length) {
        if (length < 1) {
            return;
        }
        if (data[offset] == DATAGRAM) {
            datagrams.onDatagram(data, offset + 1, length - 1);
        } else if (data[offset] == STREAM) {
            DatagramPath.Receiver s = stream;
            if (s != null) {
                s.onDatagram(data, offset, length);
            }
        }
    }

    /** Sends one application datagram on the datagram channel. */
    public void sendDatagram(byte[] data, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (length > MAX_DATAGRAM) {
            throw new IllegalArgumentException("datagram of " + length + " bytes; at most " + MAX_DATAGRAM);
        }
        byte[] framed = new byte[length + 1];
        framed[0] = DATAGRAM;
        System.arraycopy(data, offset, framed, 1, length);
        path.send(framed, 0, framed.length);
    }

    /**
     * The stream channel as a path for {@link StreamSocket}: segments go out unchanged; closing it does not close
     * the underlying path (the datagram channel lives on until the socket closes it).
     */
    public DatagramPath streamChannel() {
        return new DatagramPath() {
            @Override
            public void send(byte[] data, int offset, int length) throws IOException {
                if (length < 1 || data[offset] != STREAM) {
                    throw new IllegalArgumentException("not a stream segment: first byte " + (length < 1 ? "none"
                            : Arrays.toString(Arrays.copyOfRange(data, offset, offset + 1))));
                }
                path.send(data, offset, length);
            }

            @Override
            public void start(Receiver receiver) {
                stream = Objects.requireNonNull(receiver, "receiver");
            }

            @Override
            public void close() {
                stream = null;
            }
        };
    }
}
