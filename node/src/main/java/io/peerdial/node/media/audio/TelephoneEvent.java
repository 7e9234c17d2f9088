package io.peerdial.node.media.audio;

/**
 * One RFC 4733 §2.3 telephone-event payload: event code, end bit, volume and duration.
 * The R bit is reserved: sent as zero and ignored on receipt (§2.3.3), so it is not kept here.
 *
 * @param event    event code 0..255 (§3.2: 0-9, * = 10, # = 11, A-D = 12-15, flash = 16)
 * @param end      the E bit: this packet ends the event (§2.3.2)
 * @param volume   power level 0..63, in -dBm0 (§2.3.4); ignored for non-tone events
 * @param duration 0..65535 RTP timestamp units since the event's timestamp (§2.3.5)
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {

    /** The DTMF keys in event-code order (RFC 4733 §3.2, Table 7); DTMF-02 in the shared vectors. */
    public static final String DTMF_KEYS = "0123456789*#ABCD";
    public static final int MAX_EVENT = 255;
    public static final int MAX_VOLUME = 63;
    public static final int MAX_DURATION = 0xFFFF;

    public TelephoneEvent {
        if (event < 0 || event > MAX_EVENT) {
            throw new IllegalArgumentException("event code out of 0..255: " + event);
        }
        if (volume < 0 || volume > MAX_VOLUME) {
            throw new IllegalArgumentException("volume out of 0..63: " + volume);
        }
        if (duration < 0 || duration > MAX_DURATION) {
            throw new IllegalArgumentException("duration out of 0..65535: " + duration);
        }
    }

    /** The event code of a DTMF key ('0'..'9', '*', '#', 'A'..'D'; lower-case a-d accepted too). */
    public static int eventOf(char key) {
        int index = DTMF_KEYS.indexOf(Character.toUpperCase(key));
        if (index < 0) {
            // unlike the guide's mapkey (DTMF-02), no "16": that code is Flash (RFC 4733 §3.2)
            throw new IllegalArgumentException("not a DTMF key: '" + key + "'");
        }
        return index;
    }

    public static boolean isDtmfKey(char key) {
        return DTMF_KEYS.indexOf(Character.toUpperCase(key)) >= 0;
    }

    /** True for the 16 DTMF events 0..15. */
    public boolean isDtmf() {
        return event < DTMF_KEYS.length();
    }

    /** The DTMF key of this event. */
    public char key() {
        if (!isDtmf()) {
            throw new IllegalStateException("event " + event + " is not a DTMF digit");
        }
        return DTMF_KEYS.charAt(event);
    }
}
