package io.peerdial.node.media.audio;

import java.util.Optional;

/**
 * Turns received RFC 4733 telephone-event packets into DTMF digits, each key press exactly once.
 *
 * <p>An event is identified by its RTP timestamp (RFC 4733 §2.5.2.1: packets of one event share it), so
 * the growing-duration updates, the three end packets and network duplicates all map to the digit
 * reported on the first packet seen, whichever it is (a lost start still yields the digit). A packet
 * older than the newest event (32-bit serial order) belongs to an event already reported or one whose
 * packets all arrived after a later event's: it is dropped and counted, keeping the digit order.
 * A long event split into segments (§2.5.1.5: same code, next timestamp = previous timestamp + duration,
 * previous segment not ended) continues the digit instead of repeating it. Non-DTMF events (flash,
 * tones) are consumed without producing a digit.
 */
public final class DtmfReceiver {

    private static final int MAX_DIGITS = 1024;

    private final StringBuilder digits = new StringBuilder();
    private boolean seen;
    private long lastTimestamp;
    private int lastEvent;
    private int lastDuration;
    private boolean lastEnded;
    private long stale;
    private long packets;

    /**
     * Handles one packet of the telephone-event payload type.
     *
     * @param rtpTimestamp the packet's RTP timestamp (32-bit unsigned)
     * @param payload      the RTP payload
     * @return the digit this packet starts, or empty if it continues, repeats or ends a known event
     * @throws TelephoneEventException if the payload is not a telephone-event (RFC 4733 §2.3)
     */
    public Optional<Character> receive(long rtpTimestamp, byte[] payload) throws TelephoneEventException {
        TelephoneEvent event = TelephoneEventCodec.decode(payload);
        packets++;
        long ts = rtpTimestamp & 0xFFFF_FFFFL;
        if (seen) {
            int age = (int) (ts - lastTimestamp); // serial-number distance on the 32-bit clock
            if (age == 0) {
                absorb(event);
                return Optional.empty();
            }
            if (age < 0) {
                stale++;
                return Optional.empty();
            }
            boolean segment = !lastEnded && event.event() == lastEvent
                    && ((lastTimestamp + lastDuration) & 0xFFFF_FFFFL) == ts;
            start(ts, event);
            if (segment) {
                return Optional.empty();
            }
        } else {
            start(ts, event);
        }
        if (!event.isDtmf()) {
            return Optional.empty();
        }
        if (digits.length() == MAX_DIGITS) {
            digits.deleteCharAt(0); // keep the newest; the caller should drain with takeDigits()
        }
        digits.append(event.key());
        return Optional.of(event.key());
    }

    private void start(long ts, TelephoneEvent event) {
        seen = true;
        lastTimestamp = ts;
        lastEvent = event.event();
        lastDuration = event.duration();
        lastEnded = event.end();
    }

    private void absorb(TelephoneEvent event) {
        lastDuration = Math.max(lastDuration, event.duration());
        lastEnded |= event.end();
    }

    /** Every digit received so far, in order. */
    public String digits() {
        return digits.toString();
    }

    /** The digits received since the last call, then forgets them. */
    public String takeDigits() {
        String taken = digits.toString();
        digits.setLength(0);
        return taken;
    }

    /** Packets dropped because they were older than the newest event. */
    public long stalePackets() {
        return stale;
    }

    /** Valid telephone-event packets handled. */
    public long packets() {
        return packets;
    }
}
