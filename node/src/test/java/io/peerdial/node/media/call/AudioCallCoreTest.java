package io.peerdial.node.media.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.peerdial.node.media.audio.Goertzel;
import io.peerdial.node.media.audio.WavAudio;
import io.peerdial.node.media.sdp.Format;
import io.peerdial.node.media.sdp.MediaDirection;
import io.peerdial.node.media.sdp.Negotiated;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Two cores back to back on a virtual clock, real codecs: what A sends is what B plays and records. */
class AudioCallCoreTest {

    static final Format PCMU = new Format(0, "PCMU", 8000, 1);
    static final Format PCMA = new Format(8, "PCMA", 8000, 1);
    static final Format OPUS = new Format(111, "opus", 48000, 2);

    static List<Format> codecs() {
        return List.of(PCMU, PCMA, OPUS);
    }

    /** Two cores and a lossy wire between them; RTCP is never dropped so the loss figure is RTP's alone. */
    static final class Pair {
        final AudioCallCore a;
        final AudioCallCore b;
        final SplittableRandom wire = new SplittableRandom(7);
        final List<OutboundDatagram> fromA = new ArrayList<>();
        final List<OutboundDatagram> fromB = new ArrayList<>();
        double lossAtoB;
        long now = 1_000;

        Pair(AudioSource sourceA) {
            a = new AudioCallCore(new AudioCallCore.Config(sourceA, false, "a@test", 0), new SplittableRandom(1));
            b = new AudioCallCore(new AudioCallCore.Config(AudioSource.silence(), true, "b@test", 0), new SplittableRandom(2));
        }

        void start(Format codec, MediaDirection directionA, MediaDirection directionB) {
            a.start(now, agreed(40_002, codec, directionA));
            b.start(now, agreed(40_000, codec, directionB));
        }

        void run(long millis) {
            long end = now + millis;
            while (true) {
                long next = Math.min(a.pollTimeout(), b.pollTimeout());
                if (next > end) {
                    now = end;
                    return;
                }
                now = Math.max(now, next);
                a.handleTimeout(now);
                b.handleTimeout(now);
                deliver();
            }
        }

        void deliver() {
            for (var d = a.pollTransmit(); d.isPresent(); d = a.pollTransmit()) {
                fromA.add(d.get());
                if (d.get().rtcp() || wire.nextDouble() >= lossAtoB) {
                    b.handleDatagram(now, d.get().bytes());
                }
            }
            for (var d = b.pollTransmit(); d.isPresent(); d = b.pollTransmit()) {
                fromB.add(d.get());
                a.handleDatagram(now, d.get().bytes());
            }
        }
    }

    static Negotiated agreed(int remotePort, Format codec, MediaDirection direction) {
        return new Negotiated("127.0.0.1", remotePort, codec, telephoneEventFor(codec), direction,
                !direction.receives() ? false : !direction.sends(), true, 20, List.of());
    }

    /** What OfferAnswer agrees with LocalMedia.DEFAULT_CODECS: the telephone-event with the codec's clock. */
    static int telephoneEventFor(Format codec) {
        return codec.clockRate() == 48000 ? 102 : 101;
    }

    /** The last {@code ms} of the recording. */
    static short[] tail(WavAudio audio, int ms) {
        int n = audio.sampleRate() * ms / 1000;
        return Arrays.copyOfRange(audio.samples(), audio.samples().length - n, audio.samples().length);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void toneFromAIsRecordedAtB(Format codec) {
        Pair pair = new Pair(AudioSource.tone(440));
        pair.start(codec, MediaDirection.SENDRECV, MediaDirection.SENDRECV);
        pair.run(2_000);

        WavAudio recording = pair.b.recording();
        assertThat(recording.sampleRate()).isEqualTo(codec.clockRate());
        assertThat(recording.frames()).isBetween(recording.sampleRate() * 19 / 10, recording.sampleRate() * 21 / 10);
        short[] block = tail(recording, 1_000);
        assertThat(Goertzel.dominant(block, recording.sampleRate(), 350, 440, 1000)).hasValue(440.0);
        assertThat(Goertzel.detect(block, recording.sampleRate(), 1000)).isFalse();
        assertThat(pair.a.stats().packetsSent()).isBetween(99L, 101L);
        assertThat(pair.b.stats().packetsReceived()).isEqualTo(pair.a.stats().packetsSent());
        assertThat(pair.b.stats().packetsLost()).isZero();
        assertThat(pair.b.stats().badDatagrams()).isZero();
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void dtmfArrivesOnceInOrder(Format codec) {
        Pair pair = new Pair(AudioSource.tone(440));
        pair.start(codec, MediaDirection.SENDRECV, MediaDirection.SENDRECV);
        pair.run(200);
        assertThat(pair.a.sendDtmf("1234#")).isTrue();
        pair.run(2_000);

        assertThat(pair.b.stats().digits()).isEqualTo("1234#");
        assertThat(pair.a.stats().digits()).isEmpty();
        List<byte[]> events = pair.fromA.stream().filter(d -> !d.rtcp() && (d.bytes()[1] & 0x7F) == telephoneEventFor(codec))
                .map(d -> d.bytes()).toList();
        assertThat(events).hasSize(5 * 7); // RFC 4733: 5 updates + 3 ends per 100 ms digit, less the shared frame
        byte[] lastEnd = events.get(events.size() - 1);
        int duration = ((lastEnd[14] & 0xFF) << 8) | (lastEnd[15] & 0xFF);
        // RFC 4733 §2.5.1.1: durations count in the audio codec's clock (8 kHz for G.711, 48 kHz for Opus)
        assertThat(duration).isEqualTo(codec.clockRate() / 10);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void tenPercentLossStillCarriesTheTone(Format codec) {
        Pair pair = new Pair(AudioSource.tone(440));
        pair.lossAtoB = 0.10;
        pair.start(codec, MediaDirection.SENDRECV, MediaDirection.SENDRECV);
        pair.run(10_000);

        CallStats stats = pair.b.stats();
        assertThat(stats.lossPercent()).isBetween(6.0, 14.0);
        assertThat(stats.packetsLost() + stats.packetsReceived()).isBetween(495L, 501L);
        WavAudio recording = pair.b.recording();
        assertThat(Goertzel.dominant(tail(recording, 2_000), recording.sampleRate(), 350, 440, 1000)).hasValue(440.0);
        assertThat(stats.jitterMs()).isGreaterThanOrEqualTo(0);
        assertThat(pair.a.stats().rttMs()).isGreaterThanOrEqualTo(0); // RTCP flowed both ways
    }

    @Test
    void holdStopsTheHeldSideAndInactiveStopsBoth() {
        Pair pair = new Pair(AudioSource.tone(440));
        pair.start(PCMU, MediaDirection.SENDRECV, MediaDirection.SENDRECV);
        pair.run(1_000);
        long bSent = pair.b.stats().packetsSent();
        assertThat(bSent).isPositive();

        // A puts B on hold (RFC 3264 §8.4): A sendonly, B recvonly
        pair.start(PCMU, MediaDirection.SENDONLY, MediaDirection.RECVONLY);
        long aSent = pair.a.stats().packetsSent();
        pair.run(1_000);
        assertThat(pair.b.stats().packetsSent()).isEqualTo(bSent);
        assertThat(pair.a.stats().packetsSent()).isGreaterThan(aSent + 40);

        pair.start(PCMU, MediaDirection.INACTIVE, MediaDirection.INACTIVE);
        aSent = pair.a.stats().packetsSent();
        long bReceived = pair.b.stats().packetsReceived();
        int rtpFromA = (int) pair.fromA.stream().filter(d -> !d.rtcp()).count();
        pair.run(1_000);
        assertThat(pair.a.stats().packetsSent()).isEqualTo(aSent);
        assertThat(pair.b.stats().packetsReceived()).isEqualTo(bReceived);
        assertThat(pair.fromA.stream().filter(d -> !d.rtcp()).count()).isEqualTo(rtpFromA);

        // resume: audio flows again, the first packet marks the new talk spurt (RFC 3551 §4.1)
        pair.start(PCMU, MediaDirection.SENDRECV, MediaDirection.SENDRECV);
        pair.run(500);
        OutboundDatagram first = pair.fromA.stream().filter(d -> !d.rtcp()).skip(rtpFromA).findFirst().orElseThrow();
        assertThat(first.bytes()[1] & 0x80).isNotZero();
        assertThat(pair.b.stats().packetsLost()).isZero(); // the sequence number went on without a gap
    }

    @Test
    void codecChangeKeepsTheStreamContinuous() {
        Pair pair = new Pair(AudioSource.tone(440));
        pair.start(PCMU, MediaDirection.SENDRECV, MediaDirection.SENDRECV);
        pair.run(1_000);
        pair.start(PCMA, MediaDirection.SENDRECV, MediaDirection.SENDRECV);
        pair.run(1_000);
        assertThat(pair.b.stats().packetsLost()).isZero();
        WavAudio recording = pair.b.recording();
        assertThat(Goertzel.dominant(tail(recording, 500), 8000, 350, 440, 1000)).hasValue(440.0);
        assertThat(pair.fromA.get(pair.fromA.size() - 1).port()).isEqualTo(40_002);
    }

    @Test
    void rtcpGoesToTheNextPortWithoutMuxAndByeOnClose() {
        AudioCallCore core = new AudioCallCore(new AudioCallCore.Config(AudioSource.silence(), false, "c@test", 0),
                new SplittableRandom(3));
        core.start(0, new Negotiated("127.0.0.1", 50_000, PCMU, -1, MediaDirection.SENDRECV, false, false, 20, List.of()));
        List<OutboundDatagram> out = new ArrayList<>();
        for (long now = 0; now < 10_000; now = core.pollTimeout()) {
            core.handleTimeout(Math.max(now, core.pollTimeout()));
            core.pollTransmit().ifPresent(out::add);
            for (var d = core.pollTransmit(); d.isPresent(); d = core.pollTransmit()) {
                out.add(d.get());
            }
        }
        assertThat(out).filteredOn(OutboundDatagram::rtcp).isNotEmpty().allMatch(d -> d.port() == 50_001);
        assertThat(out).filteredOn(d -> !d.rtcp()).isNotEmpty().allMatch(d -> d.port() == 50_000);
        assertThat(core.sendDtmf("1")).isFalse(); // no telephone-event agreed
        core.close(10_000);
        byte[] bye = core.pollTransmit().orElseThrow().bytes();
        assertThat(bye.length).isGreaterThan(8);
        assertThat(core.pollTimeout()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void garbageIsCountedNotThrown() {
        Pair pair = new Pair(AudioSource.silence());
        pair.start(PCMU, MediaDirection.SENDRECV, MediaDirection.SENDRECV);
        byte[][] junk = {{}, {1}, {(byte) 0x80, 0, 1}, {(byte) 0x80, (byte) 200, 0, 1, 0, 0}, new byte[12],
            {(byte) 0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, (byte) 0xFF}};
        for (byte[] j : junk) {
            assertThatCode(() -> pair.b.handleDatagram(pair.now, j)).doesNotThrowAnyException();
        }
        // a telephone-event packet with a 2-byte payload: refused by the RFC 4733 codec
        byte[] shortEvent = {(byte) 0x80, 101, 0, 1, 0, 0, 0, 1, 0, 0, 0, 9, 1, 2};
        pair.b.handleDatagram(pair.now, shortEvent);
        assertThat(pair.b.stats().badDatagrams()).isEqualTo(junk.length + 1);
    }
}
