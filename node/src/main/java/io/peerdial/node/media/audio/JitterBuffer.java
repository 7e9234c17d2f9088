package io.peerdial.node.media.audio;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adaptive playout buffer for one RTP audio stream of 20 ms frames. The longest class of the package:
 * it is the receive-side state machine.
 *
 * <p>Theory of operation. {@link #insert} files each packet under its extended (wrap-free) RTP timestamp;
 * {@link #poll} is called once per 20 ms playout tick and answers with the frame due, a
 * {@link Playout.Kind#CONCEAL} for a missing one, or {@link Playout.Kind#SILENCE}.
 * <ul>
 *   <li><b>Buffering → playing.</b> A talk spurt starts playing once its first packet has waited the
 *       target delay. Target = frame time + {@code jitterFactor} × the RFC 3550 §6.4.1 (A.8) jitter
 *       estimate, clamped to [{@code minDelayMs}, {@code maxDelayMs}].</li>
 *   <li><b>Playing.</b> Each tick plays the frame at the playout point and moves it one frame on. A missing
 *       frame with later ones buffered is lost or reordered past its slot: conceal and move on. A missing
 *       frame with nothing buffered is an underflow: conceal but hold the playout point until the next
 *       packet has waited the target delay, so the delay grows back to the target when the network got
 *       slower. After {@code maxConcealFrames} slots in a row with nothing buffered the spurt has ended:
 *       back to buffering, silence meanwhile.</li>
 *   <li><b>Talk spurts.</b> When the next buffered packet carries the marker (RFC 3551 §4.1: first packet
 *       after silence) or lies more than {@code maxConcealFrames} frames ahead, the buffer re-syncs: it
 *       waits until that packet has aged the (re-computed) target delay, so each spurt starts at the
 *       delay the current jitter calls for.</li>
 *   <li><b>Shrinking.</b> When more than target + 2 frames of audio are buffered, the frame due is
 *       dropped instead of played, at most once every {@value #SHRINK_SPACING} ticks.</li>
 *   <li><b>Late, duplicate, jump.</b> Packets behind the playout point are late; packets already
 *       buffered or recently played are duplicates; a sequence number more than 3000 ahead or 100 behind
 *       (RFC 3550 A.1 MAX_DROPOUT / MAX_MISORDER) is a source restart once the next packet confirms it
 *       (the buffer then starts afresh), and a lone stray otherwise.</li>
 * </ul>
 * Sequence numbers and timestamps wrap (16 and 32 bits); both are unwrapped against the highest seen.
 * The buffer assumes one 20 ms frame per packet.
 */
public final class JitterBuffer {

    /**
     * @param clockRate        RTP clock in Hz (8000 for G.711, 48000 for Opus)
     * @param minDelayMs       lowest target playout delay
     * @param maxDelayMs       highest target playout delay
     * @param jitterFactor     target = frame + factor × jitter
     * @param maxFrames        packets held at most (oldest dropped beyond)
     * @param maxConcealFrames missing frames in a row concealed before the spurt counts as over
     */
    public record Config(int clockRate, int minDelayMs, int maxDelayMs, double jitterFactor, int maxFrames,
                         int maxConcealFrames) {
        public Config {
            if (clockRate <= 0 || clockRate % 50 != 0) {
                throw new IllegalArgumentException("clock rate must be a positive multiple of 50 Hz: " + clockRate);
            }
            if (minDelayMs < 0 || maxDelayMs < minDelayMs || jitterFactor < 0 || maxFrames < 2 || maxConcealFrames < 1) {
                throw new IllegalArgumentException("bad jitter buffer config");
            }
        }

        /** 40..300 ms, factor 3, 64 frames (1.28 s), 5 frames (100 ms) of concealment. */
        public static Config defaults(int clockRate) {
            return new Config(clockRate, 40, 300, 3.0, 64, 5);
        }
    }

    static final int MAX_DROPOUT = 3000;
    static final int MAX_MISORDER = 100;
    static final int SHRINK_SPACING = 5;
    private static final int RECENT = 32;

    private record Entry(int sequence, long arrival, boolean marker, byte[] payload) {
    }

    private final Config config;
    private final int frameTicks;
    private final TreeMap<Long, Entry> buffer = new TreeMap<>();
    private final long[] recentlyPlayed = new long[RECENT];
    private int recentIndex;

    private boolean anyPacket;
    private int highestSeq;
    private long highestTs;          // extended timestamp of the newest packet
    private int probationSeq = -1;   // sequence number that would confirm a jump (RFC 3550 A.1 bad_seq)
    private double jitterTicks;      // RFC 3550 A.8, in timestamp units
    private long lastTransit;
    private boolean haveTransit;

    private boolean playing;
    private boolean started;         // the playout point is meaningful (something played before)
    private long nextPlayTs;         // extended timestamp of the next slot
    private int silentTicks;         // concealed slots in a row
    private boolean refilling;       // after an underflow: hold until the next packet has aged the target delay
    private int sinceShrink = SHRINK_SPACING;

    private long played;
    private long concealed;
    private long late;
    private long dropped;
    private long duplicates;
    private long restarts;
    private int currentDelayMs;

    public JitterBuffer(Config config) {
        this.config = config;
        this.frameTicks = config.clockRate() / 50;
        Arrays.fill(recentlyPlayed, Long.MIN_VALUE);
    }

    public JitterBuffer(int clockRate) {
        this(Config.defaults(clockRate));
    }

    /** Files one received packet (arrival time {@code now}, milliseconds). */
    public void insert(long now, int sequence, long rtpTimestamp, boolean marker, byte[] payload) {
        java.util.Objects.requireNonNull(payload, "payload");
        if (sequence < 0 || sequence > 0xFFFF || rtpTimestamp < 0 || rtpTimestamp > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("sequence is 16 bits and timestamp 32 bits unsigned");
        }
        if (!anyPacket) {
            anchor(sequence, rtpTimestamp);
        }
        int seqDelta = (short) (sequence - highestSeq);
        long ts = highestTs + (int) (rtpTimestamp - (highestTs & 0xFFFF_FFFFL));
        if (seqDelta > MAX_DROPOUT || seqDelta < -MAX_MISORDER) {
            if (sequence != probationSeq) {
                probationSeq = (sequence + 1) & 0xFFFF; // RFC 3550 A.1: wait for the next one to confirm
                dropped++;
                return;
            }
            restarts++;
            restart(sequence, rtpTimestamp);
            seqDelta = 0;
            ts = highestTs;
        }
        probationSeq = -1;
        if (seqDelta > 0) {
            highestSeq = sequence;
        }
        if (ts > highestTs) {
            highestTs = ts;
        }
        updateJitter(now, ts);
        if (started && ts < nextPlayTs) {
            if (wasPlayed(ts)) {
                duplicates++;
            } else {
                late++;
            }
            return;
        }
        if (buffer.containsKey(ts)) {
            duplicates++;
            return;
        }
        if (buffer.size() >= config.maxFrames()) {
            buffer.pollFirstEntry();
            dropped++;
        }
        buffer.put(ts, new Entry(sequence, now, marker, payload));
    }

    /** Insert without marker information. */
    public void insert(long now, int sequence, long rtpTimestamp, byte[] payload) {
        insert(now, sequence, rtpTimestamp, false, payload);
    }

    /** What to play in the 20 ms slot starting at {@code now}; call once per playout tick. */
    public Playout poll(long now) {
        sinceShrink++;
        if (!playing) {
            return startIfDue(now);
        }
        if (refilling) {
            Map.Entry<Long, Entry> first = buffer.firstEntry();
            if (first == null || now - first.getValue().arrival() < targetDelayMs()) {
                return underflow();
            }
            refilling = false;
        }
        Map.Entry<Long, Entry> due = buffer.firstEntry();
        if (due != null && due.getKey() < nextPlayTs + frameTicks) { // frames need not start exactly on the slot
            if (bufferedMs() > targetDelayMs() + 2 * AudioCodec.FRAME_MS && sinceShrink >= SHRINK_SPACING
                    && buffer.size() > 1) {
                buffer.pollFirstEntry(); // cut one frame of delay
                dropped++;
                sinceShrink = 0;
                nextPlayTs += frameTicks;
                due = buffer.firstEntry();
                if (due.getKey() >= nextPlayTs + frameTicks) {
                    return missing(now);
                }
            }
            return play(now, buffer.pollFirstEntry());
        }
        return missing(now);
    }

    private Playout missing(long now) {
        Map.Entry<Long, Entry> next = buffer.firstEntry();
        if (next != null) {
            long gapFrames = (next.getKey() - nextPlayTs) / frameTicks;
            if (next.getValue().marker() || gapFrames > config.maxConcealFrames()) {
                playing = false; // a new talk spurt: re-sync at the current target delay
                return startIfDue(now);
            }
            return concealSlot(true);
        }
        refilling = true;
        return underflow();
    }

    // Nothing buffered: hold the playout point (each held slot adds a frame of delay) until the next
    // packet has waited the target delay, so the buffer regains its margin; give up after a spurt's end.
    private Playout underflow() {
        if (buffer.isEmpty() && silentTicks >= config.maxConcealFrames()) {
            playing = false;
            refilling = false;
            return Playout.silence();
        }
        return concealSlot(false);
    }

    private Playout concealSlot(boolean advance) {
        concealed++;
        silentTicks++;
        Playout conceal = Playout.conceal(nextPlayTs);
        if (advance) {
            nextPlayTs += frameTicks;
        }
        return conceal;
    }

    private Playout startIfDue(long now) {
        Map.Entry<Long, Entry> first = buffer.firstEntry();
        if (first == null || now - first.getValue().arrival() < targetDelayMs()) {
            return Playout.silence();
        }
        playing = true;
        started = true;
        refilling = false;
        nextPlayTs = first.getKey();
        return play(now, buffer.pollFirstEntry());
    }

    private Playout play(long now, Map.Entry<Long, Entry> slot) {
        Entry entry = slot.getValue();
        played++;
        silentTicks = 0;
        currentDelayMs = (int) Math.max(0, now - entry.arrival());
        recentlyPlayed[recentIndex] = slot.getKey();
        recentIndex = (recentIndex + 1) % RECENT;
        nextPlayTs = slot.getKey() + frameTicks;
        return Playout.frame(entry.sequence(), slot.getKey(), entry.payload());
    }

    private boolean wasPlayed(long ts) {
        for (long t : recentlyPlayed) {
            if (t == ts) {
                return true;
            }
        }
        return false;
    }

    // RFC 3550 A.8: J += (|D| - J) / 16, D the change in relative transit time
    private void updateJitter(long now, long ts) {
        long arrivalTicks = now * config.clockRate() / 1000;
        long transit = arrivalTicks - ts;
        if (haveTransit) {
            jitterTicks += (Math.abs(transit - lastTransit) - jitterTicks) / 16.0;
        }
        lastTransit = transit;
        haveTransit = true;
    }

    private long bufferedMs() {
        if (buffer.isEmpty()) {
            return 0;
        }
        return (buffer.lastKey() + frameTicks - nextPlayTs) * 1000 / config.clockRate();
    }

    /** The playout delay aimed for: frame time + factor × jitter, clamped to the configured bounds. */
    public int targetDelayMs() {
        double jitterMs = jitterTicks * 1000 / config.clockRate();
        long target = Math.round(AudioCodec.FRAME_MS + config.jitterFactor() * jitterMs);
        return (int) Math.max(config.minDelayMs(), Math.min(config.maxDelayMs(), target));
    }

    public JitterStats stats() {
        return new JitterStats(played, concealed, late, dropped, duplicates, restarts, targetDelayMs(),
                currentDelayMs, jitterTicks * 1000 / config.clockRate());
    }

    /** Packets waiting. */
    public int size() {
        return buffer.size();
    }

    private void anchor(int sequence, long rtpTimestamp) {
        anyPacket = true;
        highestSeq = sequence;
        highestTs = rtpTimestamp + (1L << 32); // keep extended values positive when the stream steps back
    }

    private void restart(int sequence, long rtpTimestamp) {
        buffer.clear();
        playing = false;
        started = false;
        refilling = false;
        silentTicks = 0;
        haveTransit = false;
        Arrays.fill(recentlyPlayed, Long.MIN_VALUE);
        anchor(sequence, rtpTimestamp);
    }
}
