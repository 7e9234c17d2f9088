package io.peerdial.node.media.audio;

/**
 * The RFC 4733 §2.3 payload format, four bytes:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     event     |E|R| volume    |          duration             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class TelephoneEventCodec {

    public static final int LENGTH = 4;

    private TelephoneEventCodec() {
    }

    public static byte[] encode(TelephoneEvent event) {
        return new byte[] {
            (byte) event.event(),
            (byte) ((event.end() ? 0x80 : 0) | event.volume()), // R (0x40) is sent as zero, §2.3.3
            (byte) (event.duration() >> 8),
            (byte) event.duration()
        };
    }

    public static TelephoneEvent decode(byte[] payload) throws TelephoneEventException {
        if (payload.length < LENGTH) {
            throw new TelephoneEventException(TelephoneEventException.Reason.TRUNCATED, payload.length + " bytes");
        }
        if (payload.length > LENGTH) {
            throw new TelephoneEventException(TelephoneEventException.Reason.TRAILING_BYTES, payload.length + " bytes");
        }
        int event = payload[0] & 0xFF;
        boolean end = (payload[1] & 0x80) != 0;
        int volume = payload[1] & 0x3F; // R bit ignored on receipt, §2.3.3
        int duration = ((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF);
        return new TelephoneEvent(event, end, volume, duration);
    }
}
