package io.peerdial.node.media.audio;

import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Sends DTMF digits as RFC 4733 telephone-events, one decision per 20 ms media frame.
 *
 * <p>Theory of operation. The caller runs its send loop (see {@link SendClock}) and, for every frame,
 * calls {@link #tick(long)} with the RTP timestamp that frame carries. While a digit is active the
 * call returns the event packet to send <em>instead of</em> that frame's audio (RFC 4733 §2.5.1.1 lets
 * the event replace the audio). Per digit, with the defaults (100 ms tone, 60 ms gap, 8 kHz clock):
 * <pre>
 * frame  0: M=1 E=0 ts=T duration 160     (first packet carries the marker, §2.5.1.1)
 * frame  1:     E=0 ts=T duration 320     (same timestamp, growing duration, §2.5.1.2)
 * frame  2..3:  E=0 ts=T duration 480, 640
 * frame  4:     E=1 ts=T duration 800     (the end packet, §2.5.1.4) ...
 * frame  5..6:  E=1 ts=T duration 800     ... sent three times in all, on successive frames
 * frame  7:     nothing (audio again); the next digit starts on frame 8
 * </pre>
 * The tone lasts {@code ceil(toneMs / 20)} frames and the gap {@code ceil(gapMs / 20)} frames; the two end
 * repeats fall inside the gap, which must therefore be at least 40 ms. Durations are in RTP clock units, so
 * the same schedule serves telephone-event/8000 (with PCMU/PCMA) and telephone-event/48000 (with Opus).
 */
public final class DtmfSender {

    public static final int DEFAULT_TONE_MS = 100;
    public static final int DEFAULT_GAP_MS = 60;
    /** -10 dBm0, a usual DTMF level (RFC 4733 §2.3.4 reports it as a positive number). */
    public static final int DEFAULT_VOLUME = 10;
    /** RFC 4733 §2.5.1.4: the end packet is sent three times. */
    static final int END_PACKETS = 3;
    private static final int MAX_QUEUED = 256;

    private final int frameTicks;
    private final int toneFrames;
    private final int digitFrames;
    private final int volume;
    private final ArrayDeque<Character> queue = new ArrayDeque<>();
    private int current = -1;          // event code of the digit in progress, -1 when idle
    private int frame;                 // frame index within the current digit (tone + gap)
    private long eventTimestamp;

    public DtmfSender(int clockRate) {
        this(clockRate, DEFAULT_TONE_MS, DEFAULT_GAP_MS, DEFAULT_VOLUME);
    }

    public DtmfSender(int clockRate, int toneMs, int gapMs, int volume) {
        if (clockRate != 8000 && clockRate != 16000 && clockRate != 48000) {
            throw new IllegalArgumentException("unsupported clock rate " + clockRate);
        }
        if (toneMs < AudioCodec.FRAME_MS || gapMs < (END_PACKETS - 1) * AudioCodec.FRAME_MS) {
            throw new IllegalArgumentException("tone >= 20 ms and gap >= 40 ms needed, got " + toneMs + "/" + gapMs);
        }
        if (volume < 0 || volume > TelephoneEvent.MAX_VOLUME) {
            throw new IllegalArgumentException("volume out of 0..63: " + volume);
        }
        this.frameTicks = clockRate * AudioCodec.FRAME_MS / 1000;
        this.toneFrames = ceilFrames(toneMs);
        if ((long) toneFrames * frameTicks > TelephoneEvent.MAX_DURATION) {
            // longer tones need §2.5.1.5 segments, which nobody dialling digits needs
            throw new IllegalArgumentException("tone too long for one event: " + toneMs + " ms");
        }
        this.digitFrames = toneFrames + ceilFrames(gapMs);
        this.volume = volume;
    }

    private static int ceilFrames(int ms) {
        return (ms + AudioCodec.FRAME_MS - 1) / AudioCodec.FRAME_MS;
    }

    /** Queues digits to send after any already queued ('0'-'9', '*', '#', 'A'-'D'). */
    public void send(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            if (!TelephoneEvent.isDtmfKey(digits.charAt(i))) {
                throw new IllegalArgumentException("not a DTMF key: '" + digits.charAt(i) + "' in " + digits);
            }
        }
        if (queue.size() + digits.length() > MAX_QUEUED) {
            throw new IllegalStateException("more than " + MAX_QUEUED + " digits queued");
        }
        for (int i = 0; i < digits.length(); i++) {
            queue.add(Character.toUpperCase(digits.charAt(i)));
        }
    }

    /** True while a digit (or its trailing gap) is in progress or digits are queued. */
    public boolean isActive() {
        return current >= 0 || !queue.isEmpty();
    }

    /**
     * Advances one 20 ms frame.
     *
     * @param rtpTimestamp the RTP timestamp of this frame on the audio stream's timeline (32-bit unsigned)
     * @return the packet to send in place of this frame's audio, or empty to send audio as usual
     */
    public Optional<DtmfPacket> tick(long rtpTimestamp) {
        if (rtpTimestamp < 0 || rtpTimestamp > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("RTP timestamp is 32 bits unsigned: " + rtpTimestamp);
        }
        if (current < 0) {
            if (queue.isEmpty()) {
                return Optional.empty();
            }
            current = TelephoneEvent.eventOf(queue.poll());
            frame = 0;
            eventTimestamp = rtpTimestamp; // RFC 4733 §2.3.1: the timestamp of the event's start
        }
        Optional<DtmfPacket> packet = packetFor(frame);
        frame++;
        if (frame == digitFrames) {
            current = -1;
        }
        return packet;
    }

    private Optional<DtmfPacket> packetFor(int index) {
        boolean marker = index == 0;
        if (index < toneFrames - 1) {
            int duration = (index + 1) * frameTicks; // §2.5.1.2: duration grows with each update
            return Optional.of(new DtmfPacket(eventTimestamp, marker, new TelephoneEvent(current, false, volume, duration)));
        }
        if (index < toneFrames - 1 + END_PACKETS) {
            int duration = toneFrames * frameTicks; // §2.5.1.4: the end packets repeat the final duration
            return Optional.of(new DtmfPacket(eventTimestamp, marker, new TelephoneEvent(current, true, volume, duration)));
        }
        return Optional.empty();
    }
}
