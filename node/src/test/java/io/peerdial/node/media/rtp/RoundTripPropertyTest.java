package io.peerdial.node.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.node.media.rtp.SourceDescription.Chunk;
import io.peerdial.node.media.rtp.SourceDescription.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/** Property: any valid packet encodes, decodes to an equal value, and re-encodes to the same bytes (seeded). */
class RoundTripPropertyTest {

    @RepeatedTest(200)
    void rtpRoundTrips(RepetitionInfo repetition) throws RtpFormatException {
        SplittableRandom random = new SplittableRandom(repetition.getCurrentRepetition());
        List<Long> csrcs = new ArrayList<>();
        for (int i = random.nextInt(16); i > 0; i--) {
            csrcs.add(u32(random));
        }
        RtpHeaderExtension extension = random.nextBoolean() ? null
                : new RtpHeaderExtension(random.nextInt(65536), bytes(random, 4 * random.nextInt(20)));
        RtpPacket packet = new RtpPacket(random.nextBoolean(), random.nextInt(128), random.nextInt(65536), u32(random),
                u32(random), csrcs, extension, random.nextBoolean() ? 0 : 1 + random.nextInt(255),
                bytes(random, random.nextInt(900)));

        byte[] wire = RtpCodec.encode(packet);
        assertThat(wire).hasSize(packet.encodedLength());
        RtpPacket decoded = RtpCodec.decode(wire);
        assertThat(decoded).isEqualTo(packet);
        assertThat(RtpCodec.encode(decoded)).isEqualTo(wire);

        byte[] out = new byte[wire.length + 9];
        RtpCodec.encode(packet, out, 9);
        assertThat(RtpHeaderView.validate(out, 9, wire.length))
                .isEqualTo(wire.length - packet.payload().length - packet.paddingLength());
        assertThat(RtpHeaderView.ssrc(out, 9)).isEqualTo(packet.ssrc());
        assertThat(RtpHeaderView.sequenceNumber(out, 9)).isEqualTo(packet.sequenceNumber());
        assertThat(RtpHeaderView.timestamp(out, 9)).isEqualTo(packet.timestamp());
    }

    @RepeatedTest(200)
    void rtcpRoundTrips(RepetitionInfo repetition) throws RtcpFormatException {
        SplittableRandom random = new SplittableRandom(1000 + repetition.getCurrentRepetition());
        List<RtcpPacket> packets = new ArrayList<>();
        packets.add(random.nextBoolean()
                ? new SenderReport(u32(random), NtpTime.fromBits(random.nextLong()), u32(random), u32(random),
                        u32(random), blocks(random))
                : new ReceiverReport(u32(random), blocks(random)));
        for (int i = random.nextInt(3); i > 0; i--) {
            if (random.nextBoolean()) {
                List<Chunk> chunks = new ArrayList<>();
                for (int c = random.nextInt(3); c > 0; c--) {
                    List<Item> items = new ArrayList<>();
                    for (int j = random.nextInt(4); j > 0; j--) {
                        items.add(new Item(1 + random.nextInt(255), text(random, random.nextInt(30))));
                    }
                    chunks.add(new Chunk(u32(random), items));
                }
                packets.add(new SourceDescription(chunks));
            } else {
                List<Long> ssrcs = new ArrayList<>();
                for (int j = random.nextInt(4); j > 0; j--) {
                    ssrcs.add(u32(random));
                }
                packets.add(new Bye(ssrcs, text(random, random.nextInt(40))));
            }
        }
        byte[] wire = RtcpCodec.encodeCompound(packets);
        List<RtcpPacket> decoded = RtcpCodec.decodeCompound(wire);
        assertThat(decoded).isEqualTo(packets);
        assertThat(RtcpCodec.encodeCompound(decoded)).isEqualTo(wire);
    }

    private static List<ReportBlock> blocks(SplittableRandom random) {
        List<ReportBlock> blocks = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            blocks.add(new ReportBlock(u32(random), random.nextInt(256),
                    random.nextInt(ReportBlock.MIN_CUMULATIVE_LOST, ReportBlock.MAX_CUMULATIVE_LOST + 1), u32(random),
                    u32(random), u32(random), u32(random)));
        }
        return blocks;
    }

    private static String text(SplittableRandom random, int length) {
        StringBuilder text = new StringBuilder();
        String alphabet = "abcxyz@.-_ 0123456789éü€😀";
        while (text.length() < length) {
            text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                    random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
        }
        return text.toString();
    }

    private static long u32(SplittableRandom random) {
        return random.nextLong() & 0xFFFF_FFFFL;
    }

    private static byte[] bytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
