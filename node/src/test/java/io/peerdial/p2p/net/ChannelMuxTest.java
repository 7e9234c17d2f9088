package io.peerdial.p2p.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.p2p.stream.Segment;
import io.peerdial.p2p.stream.SegmentCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The datagram/stream framing on one path: both directions, byte-exact. */
class ChannelMuxTest {

    /** A path that records what is sent and lets the test deliver datagrams. */
    static final class FakePath implements DatagramPath {
        final List<byte[]> sent = new ArrayList<>();
        Receiver receiver;

        @Override
        public void send(byte[] data, int offset, int length) {
            sent.add(Arrays.copyOfRange(data, offset, offset + length));
        }

        @Override
        public void start(Receiver r) {
            receiver = r;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void datagramsGetTheChannelByteAndStreamSegmentsGoUnchanged() throws Exception {
        FakePath path = new FakePath();
        List<byte[]> datagrams = new ArrayList<>();
        List<byte[]> segments = new ArrayList<>();
        ChannelMux mux = new ChannelMux(path, (d, o, l) -> datagrams.add(Arrays.copyOfRange(d, o, o + l)));
        mux.start();
        DatagramPath stream = mux.streamChannel();
        stream.start((d, o, l) -> segments.add(Arrays.copyOfRange(d, o, o + l)));

        mux.sendDatagram(new byte[] {1, 2, 3}, 0, 3);
        assertThat(path.sent.get(0)).containsExactly((byte) 0xD0, 1, 2, 3);
        byte[] segment = SegmentCodec.encode(new Segment.Reset(7, 9));
        stream.send(segment, 0, segment.length);
        assertThat(path.sent.get(1)).isEqualTo(segment);
        assertThat(segment[0]).isEqualTo(ChannelMux.STREAM);

        path.receiver.onDatagram(new byte[] {9, (byte) 0xD0, 5, 6}, 1, 3);
        path.receiver.onDatagram(segment, 0, segment.length);
        path.receiver.onDatagram(new byte[] {0x42, 1}, 0, 2); // unknown channel: dropped
        path.receiver.onDatagram(new byte[0], 0, 0);
        assertThat(datagrams).containsExactly(new byte[] {5, 6});
        assertThat(segments).containsExactly(segment);
    }

    @Test
    void limitsAreApiMisuse() {
        ChannelMux mux = new ChannelMux(new FakePath(), (d, o, l) -> { });
        assertThatThrownBy(() -> mux.sendDatagram(new byte[ChannelMux.MAX_DATAGRAM + 1], 0, ChannelMux.MAX_DATAGRAM + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mux.streamChannel().send(new byte[] {(byte) 0xD0}, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
