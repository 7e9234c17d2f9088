package io.peerdial.node.media.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads and writes RIFF/WAVE files of 16-bit PCM, mono or stereo, at 8, 16 or 48 kHz (the Microsoft
 * RIFF spec: a "RIFF" chunk of form "WAVE" holding a "fmt " chunk, then a "data" chunk, other chunks
 * skipped; chunks of odd size are followed by a pad byte). Files come from users and may come from
 * peers, so reading is length-limited ({@link #MAX_BYTES}) and every refusal is a
 * {@link WavFormatException} with its reason. Works only on the streams or arrays it is given.
 */
public final class WavFile {

    public static final int MAX_BYTES = 100 * 1024 * 1024;
    private static final int HEADER = 44;
    private static final int FORMAT_PCM = 1;

    private WavFile() {
    }

    /** Reads a whole file from {@code in} (not closed); refuses more than {@link #MAX_BYTES}. */
    public static WavAudio read(InputStream in) throws IOException, WavFormatException {
        return read(in, MAX_BYTES);
    }

    /** As {@link #read(InputStream)} with a lower limit (callers that expect short prompts; tests). */
    static WavAudio read(InputStream in, int maxBytes) throws IOException, WavFormatException {
        byte[] bytes = in.readNBytes(Math.min(maxBytes, MAX_BYTES) + 1);
        if (bytes.length > Math.min(maxBytes, MAX_BYTES)) {
            throw new WavFormatException(WavFormatException.Reason.TOO_LARGE, "more than " + maxBytes + " bytes");
        }
        return read(bytes);
    }

    public static WavAudio read(byte[] bytes) throws WavFormatException {
        if (bytes.length > MAX_BYTES) {
            throw new WavFormatException(WavFormatException.Reason.TOO_LARGE, bytes.length + " bytes");
        }
        if (bytes.length < 12) {
            throw new WavFormatException(WavFormatException.Reason.TRUNCATED, bytes.length + " bytes");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (!fourCc(bytes, 0).equals("RIFF")) {
            throw new WavFormatException(WavFormatException.Reason.NOT_RIFF, "starts with " + fourCc(bytes, 0));
        }
        long riffSize = Integer.toUnsignedLong(buf.getInt(4));
        if (riffSize < 4) {
            throw new WavFormatException(WavFormatException.Reason.BAD_CHUNK, "RIFF size " + riffSize);
        }
        if (riffSize + 8 > bytes.length) {
            throw new WavFormatException(WavFormatException.Reason.TRUNCATED, "RIFF size " + riffSize + " > " + (bytes.length - 8));
        }
        if (!fourCc(bytes, 8).equals("WAVE")) {
            throw new WavFormatException(WavFormatException.Reason.NOT_WAVE, "form " + fourCc(bytes, 8));
        }
        int end = (int) (riffSize + 8); // trailing bytes past the RIFF chunk are ignored
        int pos = 12;
        Format format = null;
        int dataOffset = -1;
        int dataSize = 0;
        while (pos < end) {
            if (end - pos < 8) {
                throw new WavFormatException(WavFormatException.Reason.BAD_CHUNK, "chunk header cut at " + pos);
            }
            String id = fourCc(bytes, pos);
            long size = Integer.toUnsignedLong(buf.getInt(pos + 4));
            if (size > end - pos - 8) {
                throw new WavFormatException(WavFormatException.Reason.BAD_CHUNK, "'" + id + "' of " + size + " bytes at " + pos);
            }
            int body = pos + 8;
            if (id.equals("fmt ")) {
                if (format != null) {
                    throw new WavFormatException(WavFormatException.Reason.DUPLICATE_CHUNK, "second fmt chunk");
                }
                format = Format.parse(buf, body, (int) size);
            } else if (id.equals("data")) {
                if (dataOffset >= 0) {
                    throw new WavFormatException(WavFormatException.Reason.DUPLICATE_CHUNK, "second data chunk");
                }
                if (format == null) {
                    throw new WavFormatException(WavFormatException.Reason.MISSING_FMT, "data before fmt");
                }
                if (size % format.blockAlign() != 0) {
                    throw new WavFormatException(WavFormatException.Reason.BAD_DATA_LENGTH, size + " bytes of data");
                }
                dataOffset = body;
                dataSize = (int) size;
            }
            pos = body + (int) size + (int) (size & 1); // RIFF pads odd chunks to an even length
        }
        if (format == null) {
            throw new WavFormatException(WavFormatException.Reason.MISSING_FMT, "no fmt chunk");
        }
        if (dataOffset < 0) {
            throw new WavFormatException(WavFormatException.Reason.MISSING_DATA, "no data chunk");
        }
        short[] samples = new short[dataSize / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = buf.getShort(dataOffset + 2 * i);
        }
        return new WavAudio(format.sampleRate(), format.channels(), samples);
    }

    /** Writes a canonical 44-byte-header file to {@code out} (not closed). */
    public static void write(OutputStream out, WavAudio audio) throws IOException {
        out.write(toBytes(audio));
    }

    public static byte[] toBytes(WavAudio audio) {
        long dataSize = 2L * audio.samples().length;
        if (dataSize + HEADER > MAX_BYTES) {
            throw new IllegalArgumentException("audio larger than " + MAX_BYTES + " bytes as WAV");
        }
        int blockAlign = 2 * audio.channels();
        ByteBuffer buf = ByteBuffer.allocate(HEADER + (int) dataSize).order(ByteOrder.LITTLE_ENDIAN);
        buf.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (36 + dataSize));
        buf.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        buf.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        buf.putShort((short) FORMAT_PCM).putShort((short) audio.channels()).putInt(audio.sampleRate());
        buf.putInt(audio.sampleRate() * blockAlign).putShort((short) blockAlign).putShort((short) 16);
        buf.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataSize);
        for (short sample : audio.samples()) {
            buf.putShort(sample);
        }
        return buf.array();
    }

    private static String fourCc(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, StandardCharsets.ISO_8859_1);
    }

    private record Format(int channels, int sampleRate, int blockAlign) {

        static Format parse(ByteBuffer buf, int body, int size) throws WavFormatException {
            if (size < 16) {
                throw new WavFormatException(WavFormatException.Reason.BAD_FMT, "fmt chunk of " + size + " bytes");
            }
            int tag = Short.toUnsignedInt(buf.getShort(body));
            int channels = Short.toUnsignedInt(buf.getShort(body + 2));
            long rate = Integer.toUnsignedLong(buf.getInt(body + 4));
            long byteRate = Integer.toUnsignedLong(buf.getInt(body + 8));
            int blockAlign = Short.toUnsignedInt(buf.getShort(body + 12));
            int bits = Short.toUnsignedInt(buf.getShort(body + 14));
            if (tag != FORMAT_PCM) {
                throw new WavFormatException(WavFormatException.Reason.UNSUPPORTED_FORMAT, "format tag " + tag);
            }
            if (channels != 1 && channels != 2) {
                throw new WavFormatException(WavFormatException.Reason.UNSUPPORTED_CHANNELS, channels + " channels");
            }
            if (rate != 8000 && rate != 16000 && rate != 48000) {
                throw new WavFormatException(WavFormatException.Reason.UNSUPPORTED_RATE, rate + " Hz");
            }
            if (bits != 16) {
                throw new WavFormatException(WavFormatException.Reason.UNSUPPORTED_BITS, bits + " bits");
            }
            if (blockAlign != channels * 2 || byteRate != rate * blockAlign) {
                throw new WavFormatException(WavFormatException.Reason.BAD_FMT,
                        "block align " + blockAlign + ", byte rate " + byteRate);
            }
            return new Format(channels, (int) rate, blockAlign);
        }
    }
}
