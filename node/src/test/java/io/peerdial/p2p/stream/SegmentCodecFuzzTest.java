package io.peerdial.p2p.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The stream codec and connection take peer input: only StreamFormatException may leave the codec, nothing
 * may leave the connection, and what decodes re-encodes to the same bytes. The fuzzer's input also goes in
 * with a valid CRC32C appended, so that mutations reach the parser behind the checksum.
 */
class SegmentCodecFuzzTest {

    @FuzzTest
    void decodeRoundTrips(byte[] input) {
        check(input);
        if (input.length + 4 <= SegmentCodec.MAX_DATAGRAM) {
            CRC32C crc = new CRC32C();
            crc.update(input);
            byte[] sealed = Arrays.copyOf(input, input.length + 4);
            ByteBuffer.wrap(sealed, input.length, 4).putInt((int) crc.getValue());
            check(sealed);
        }
    }

    private static void check(byte[] datagram) {
        try {
            Segment s = SegmentCodec.decode(datagram);
            assertThat(SegmentCodec.encode(s)).isEqualTo(datagram);
        } catch (StreamFormatException expected) {
            // a typed refusal is the only other allowed outcome
        }
        StreamConnection c = new StreamConnection(StreamConfig.defaults().withBuffers(4096, 4096), 7, 0);
        c.handleDatagram(1, datagram);
        while (c.pollTransmit(1) != null) {
            // the connection must be able to answer whatever it accepted
        }
    }
}
