package io.peerdial.node.media.rtp;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The RTP header extension (RFC 3550 §5.3.1): a 16-bit profile-defined identifier and data in whole
 * 32-bit words. Immutable: the data is copied in and out.
 */
public record RtpHeaderExtension(int profile, byte[] data) {

    /** The length field counts 32-bit words in 16 bits. */
    public static final int MAX_DATA_BYTES = 0xFFFF * 4;

    public RtpHeaderExtension {
        if (profile < 0 || profile > 0xFFFF) {
            throw new IllegalArgumentException("profile must fit 16 bits: " + profile);
        }
        if (data.length % 4 != 0 || data.length > MAX_DATA_BYTES) {
            throw new IllegalArgumentException("extension data must be whole 32-bit words: " + data.length);
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    int length() {
        return data.length;
    }

    void copyTo(byte[] destination, int offset) {
        System.arraycopy(data, 0, destination, offset, data.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RtpHeaderExtension e && e.profile == profile && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * profile + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "RtpHeaderExtension[profile=" + profile + ", data=" + HexFormat.of().formatHex(data) + "]";
    }
}
