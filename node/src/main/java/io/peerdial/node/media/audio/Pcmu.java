package io.peerdial.node.media.audio;

/** G.711 µ-law, "PCMU", static payload type 0 (RFC 3551 §4.5.14, Table 4). */
public final class Pcmu extends G711Codec {

    public static final String NAME = "PCMU";
    public static final int PAYLOAD_TYPE = 0;

    public Pcmu() {
        super(PAYLOAD_TYPE);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    byte compress(short sample) {
        return G711.linearToUlaw(sample);
    }

    @Override
    short expand(byte code) {
        return G711.ulawToLinear(code);
    }
}
