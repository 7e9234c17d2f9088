package io.peerdial.node.media.rtp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** SDES: source description (RFC 3550 §6.5), one chunk per source. */
public record SourceDescription(List<Chunk> chunks) implements RtcpPacket {

    public SourceDescription {
        chunks = List.copyOf(chunks);
        if (chunks.size() > MAX_COUNT) {
            throw new IllegalArgumentException("at most 31 chunks: " + chunks.size());
        }
    }

    /** The usual SDES of a compound report: one chunk with the CNAME (§6.5.1, mandatory). */
    public static SourceDescription cname(long ssrc, String cname) {
        return new SourceDescription(List.of(new Chunk(ssrc, List.of(new Item(Item.CNAME, cname)))));
    }

    @Override
    public int packetType() {
        return SDES;
    }

    /** The items describing one SSRC or CSRC. */
    public record Chunk(long ssrc, List<Item> items) {
        public Chunk {
            RtpPacket.requireUnsigned32("ssrc", ssrc);
            items = List.copyOf(items);
        }
    }

    /**
     * One SDES item: a type (1-255; 0 ends the list on the wire) and UTF-8 text of at most 255 bytes.
     * A PRIV item (§6.5.8) keeps its prefix length and prefix inside the text.
     */
    public record Item(int type, String text) {
        public static final int CNAME = 1;
        public static final int NAME = 2;
        public static final int EMAIL = 3;
        public static final int PHONE = 4;
        public static final int LOC = 5;
        public static final int TOOL = 6;
        public static final int NOTE = 7;
        public static final int PRIV = 8;

        public Item {
            if (type < 1 || type > 255) {
                throw new IllegalArgumentException("SDES item type must be 1-255: " + type);
            }
            if (text.getBytes(StandardCharsets.UTF_8).length > 255) {
                throw new IllegalArgumentException("SDES text longer than 255 bytes");
            }
        }
    }
}
