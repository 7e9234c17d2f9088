package io.peerdial.node.media.audio;

/** G.711 A-law, "PCMA", static payload type 8 (RFC 3551 §4.5.14, Table 4). */
public final class Pcma extends G711Codec {

    public static final String NAME = "PCMA";
    public static final int PAYLOAD_TYPE = 8;

    public Pcma() {
        super(PAYLOAD_TYPE);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    byte compress(short sample) {
        return G711.linearToAlaw(sample);
    }

    @Override
    short expand(byte code) {
        return G711.alawToLinear(code);
    }
}
