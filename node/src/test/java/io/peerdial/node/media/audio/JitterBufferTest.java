package io.peerdial.node.media.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The playout buffer driven by a virtual clock: one poll per 20 ms tick, packets inserted at arrival. */
class JitterBufferTest {

    private static final int TICKS = 160; // 20 ms at 8 kHz

    /** A stream of 20 ms packets: arrival time, sequence number, timestamp, marker. */
    private record Packet(long arrival, int seq, long ts, boolean marker) {
        byte[] payload() {
            return new byte[] {(byte) seq};
        }
    }

    private static List<Packet> stream(int count, int firstSeq, long firstTs, long[] delays) {
        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            packets.add(new Packet(i * 20L + delays[i], (firstSeq + i) & 0xFFFF, (firstTs + (long) i * TICKS) & 0xFFFF_FFFFL, i == 0));
        }
        return packets;
    }

    /** Delivers packets at their arrival times and polls every 20 ms from 0 to {@code until}; returns what played. */
    private static List<Playout> drive(JitterBuffer buffer, List<Packet> packets, long until) {
        List<Packet> pending = new ArrayList<>(packets);
        pending.sort((a, b) -> Long.compare(a.arrival(), b.arrival()));
        List<Playout> out = new ArrayList<>();
        int next = 0;
        for (long now = 0; now <= until; now += 20) {
            while (next < pending.size() && pending.get(next).arrival() <= now) {
                Packet p = pending.get(next++);
                buffer.insert(p.arrival(), p.seq(), p.ts(), p.marker(), p.payload());
            }
            out.add(buffer.poll(now));
        }
        return out;
    }

    private static List<Integer> playedSequences(List<Playout> playouts) {
        List<Integer> seqs = new ArrayList<>();
        for (Playout p : playouts) {
            if (p.kind() == Playout.Kind.FRAME) {
                seqs.add(p.sequence());
            }
        }
        return seqs;
    }

    private static List<Integer> range(int from, int count) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add((from + i) & 0xFFFF);
        }
        return out;
    }

    @Test
    void steadyStreamPlaysEverythingInOrderAfterTheMinimumDelay() {
        JitterBuffer buffer = new JitterBuffer(8000);
        List<Playout> out = drive(buffer, stream(50, 100, 0, new long[50]), 1020);
        assertThat(playedSequences(out)).isEqualTo(range(100, 50));
        assertThat(out.get(0).kind()).isEqualTo(Playout.Kind.SILENCE);   // buffering
        assertThat(out.get(2).kind()).isEqualTo(Playout.Kind.FRAME);     // 40 ms minimum delay
        JitterStats stats = buffer.stats();
        assertThat(stats.played()).isEqualTo(50);
        assertThat(stats.concealed() + stats.late() + stats.dropped() + stats.duplicates()).isZero();
        assertThat(stats.targetDelayMs()).isEqualTo(40);
        assertThat(stats.currentDelayMs()).isEqualTo(40);
        assertThat(stats.jitterMs()).isZero();
    }

    @Test
    void reorderedAndDuplicatedPacketsPlayOnceInOrder() {
        List<Packet> packets = new ArrayList<>(stream(20, 0, 0, new long[20]));
        Packet five = packets.get(5);
        packets.set(5, new Packet(five.arrival() + 25, five.seq(), five.ts(), false)); // after seq 6
        packets.add(new Packet(packets.get(9).arrival() + 1, 9, packets.get(9).ts(), false));   // buffered twice
        packets.add(new Packet(packets.get(2).arrival() + 200, 2, packets.get(2).ts(), false)); // after it played
        JitterBuffer buffer = new JitterBuffer(8000);
        List<Playout> out = drive(buffer, packets, 420); // until the last frame plays
        assertThat(playedSequences(out)).isEqualTo(range(0, 20));
        assertThat(buffer.stats().duplicates()).isEqualTo(2);
        assertThat(buffer.stats().late()).isZero();
    }

    @Test
    void lostPacketIsConcealedInItsSlotAndLatePacketsAreCounted() {
        List<Packet> packets = new ArrayList<>(stream(20, 0, 0, new long[20]));
        packets.remove(7);                                    // lost
        Packet ten = packets.get(9);
        packets.set(9, new Packet(ten.arrival() + 200, ten.seq(), ten.ts(), false)); // seq 10, far too late
        JitterBuffer buffer = new JitterBuffer(8000);
        List<Playout> out = drive(buffer, packets, 420);
        List<Integer> expected = range(0, 20);
        expected.remove(Integer.valueOf(7));
        expected.remove(Integer.valueOf(10));
        assertThat(playedSequences(out)).isEqualTo(expected);
        int firstFrame = 2;
        assertThat(out.get(firstFrame + 7).kind()).isEqualTo(Playout.Kind.CONCEAL);
        assertThat(out.get(firstFrame + 7).rtpTimestamp()).isEqualTo(7 * TICKS);
        assertThat(out.get(firstFrame + 10).kind()).isEqualTo(Playout.Kind.CONCEAL);
        assertThat(buffer.stats().concealed()).isEqualTo(2);
        assertThat(buffer.stats().late()).isEqualTo(1);
    }

    @Test
    void sequenceAndTimestampWrap() {
        JitterBuffer buffer = new JitterBuffer(8000);
        List<Playout> out = drive(buffer, stream(30, 65_520, 0xFFFF_FFFFL - 10 * TICKS, new long[30]), 620);
        assertThat(playedSequences(out)).isEqualTo(range(65_520, 30));
        assertThat(buffer.stats().concealed() + buffer.stats().late() + buffer.stats().dropped()).isZero();
        assertThat(out.stream().filter(p -> p.kind() == Playout.Kind.FRAME).map(Playout::rtpTimestamp))
                .contains(0xFFFF_FFFFL - 10 * TICKS, 0xFFFF_FFFFL, TICKS - 1L); // before, at and after the wrap
    }

    @Test
    void targetDelayFollowsJitterWithinBounds() {
        SplittableRandom random = new SplittableRandom(1);
        long[] delays = new long[500];
        for (int i = 0; i < delays.length; i++) {
            delays[i] = random.nextLong(0, 60); // up to 60 ms of extra network delay
        }
        JitterBuffer jittery = new JitterBuffer(8000);
        drive(jittery, stream(500, 0, 0, delays), 10_400);
        JitterStats stats = jittery.stats();
        assertThat(stats.jitterMs()).isBetween(10.0, 40.0);
        assertThat(stats.targetDelayMs()).isGreaterThan(40).isLessThanOrEqualTo(300);
        assertThat(stats.targetDelayMs()).isEqualTo((int) Math.max(40, Math.min(300, Math.round(20 + 3 * stats.jitterMs()))));
        // the adapted delay keeps losses to late packets rare
        assertThat(stats.late()).isLessThan(25);
        assertThat(stats.played() + stats.late() + stats.dropped()).isEqualTo(500);

        long[] huge = new long[100];
        for (int i = 0; i < huge.length; i++) {
            huge[i] = i % 2 == 0 ? 0 : 200; // transit alternates by 200 ms: jitter near 200 ms
        }
        JitterBuffer capped = new JitterBuffer(8000);
        drive(capped, stream(100, 0, 0, huge), 2_400);
        assertThat(capped.stats().jitterMs()).isGreaterThan(100);
        assertThat(capped.stats().targetDelayMs()).isEqualTo(300);
    }

    @Test
    void growsOnUnderflowAndShrinksWhenTheBacklogExceedsTheTarget() {
        // network delay steps up by 100 ms after packet 20: the buffer holds and conceals instead of losing
        long[] delays = new long[60];
        for (int i = 20; i < 60; i++) {
            delays[i] = 100;
        }
        JitterBuffer buffer = new JitterBuffer(8000);
        List<Playout> out = drive(buffer, stream(60, 0, 0, delays), 1320);
        assertThat(playedSequences(out)).isEqualTo(range(0, 60));
        assertThat(buffer.stats().late()).isZero();
        assertThat(buffer.stats().concealed()).isEqualTo(5); // 3 until packet 20 arrives, 2 to refill to 40 ms
        assertThat(buffer.stats().currentDelayMs()).isEqualTo(40);

        // a burst of 20 packets at once leaves 400 ms buffered: frames are dropped, spaced out, to come back
        long[] burst = new long[200];
        for (int i = 0; i < 20; i++) {
            burst[i] = (20 - i) * 20L;
        }
        JitterBuffer shrinking = new JitterBuffer(8000);
        List<Playout> played = drive(shrinking, stream(200, 0, 0, burst), 4_000);
        assertThat(shrinking.stats().dropped()).isPositive();
        assertThat(shrinking.stats().currentDelayMs()).isLessThanOrEqualTo(shrinking.stats().targetDelayMs() + 40);
        assertThat(playedSequences(played)).isSorted();
    }

    @Test
    void talkSpurtAfterSilenceResyncsAtTheTargetDelay() {
        List<Packet> packets = new ArrayList<>(stream(10, 0, 0, new long[10]));
        // silence suppression: 2 s without packets, next spurt carries the marker and a jumped timestamp
        for (int i = 0; i < 10; i++) {
            // the timestamp keeps following the sender's clock through the silence (RFC 3551 §4.1)
            packets.add(new Packet(2_000 + i * 20L, 10 + i, (100L + i) * TICKS, i == 0));
        }
        JitterBuffer buffer = new JitterBuffer(8000);
        List<Playout> out = drive(buffer, packets, 2_220);
        assertThat(playedSequences(out)).isEqualTo(range(0, 20));
        assertThat(buffer.stats().concealed()).isEqualTo(5); // the end of the first spurt, then silence
        int resumed = (int) (2_040 / 20);
        assertThat(out.get(resumed - 1).kind()).isEqualTo(Playout.Kind.SILENCE);
        assertThat(out.get(resumed).sequence()).isEqualTo(10);
    }

    @Test
    void sourceRestartIsConfirmedByASecondPacketThenStartsAfresh() {
        List<Packet> packets = new ArrayList<>(stream(10, 100, 5_000, new long[10]));
        for (int i = 0; i < 10; i++) {
            packets.add(new Packet(200 + i * 20L, 40_000 + i, 9_999_999 + (long) i * TICKS, false));
        }
        JitterBuffer buffer = new JitterBuffer(8000);
        List<Playout> out = drive(buffer, packets, 800);
        List<Integer> played = playedSequences(out);
        assertThat(played).startsWith(100, 101, 102, 103, 104, 105, 106, 107);
        assertThat(played).endsWith(range(40_001, 9).toArray(new Integer[0]));
        assertThat(buffer.stats().restarts()).isEqualTo(1);
        assertThat(buffer.stats().dropped()).isGreaterThanOrEqualTo(1); // the unconfirmed first packet

        // a lone stray far away is dropped without disturbing the stream
        List<Packet> stray = new ArrayList<>(stream(20, 0, 0, new long[20]));
        stray.add(new Packet(101, 30_000, 123_456_789, false));
        JitterBuffer steady = new JitterBuffer(8000);
        assertThat(playedSequences(drive(steady, stray, 600))).isEqualTo(range(0, 20));
        assertThat(steady.stats().restarts()).isZero();
        assertThat(steady.stats().dropped()).isEqualTo(1);
    }

    @Test
    void capacityBoundsTheBuffer() {
        JitterBuffer buffer = new JitterBuffer(new JitterBuffer.Config(8000, 40, 300, 3, 8, 5));
        for (int i = 0; i < 20; i++) {
            buffer.insert(0, i, (long) i * TICKS, new byte[1]);
        }
        assertThat(buffer.size()).isEqualTo(8);
        assertThat(buffer.stats().dropped()).isEqualTo(12);
    }
}
