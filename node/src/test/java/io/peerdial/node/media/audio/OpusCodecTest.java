package io.peerdial.node.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Opus through Concentus at 48 kHz (RFC 7587), and the codec registry. */
class OpusCodecTest {

    private static short[] tail(short[][] frames, int from) {
        short[] out = new short[(frames.length - from) * 960];
        for (int i = from; i < frames.length; i++) {
            System.arraycopy(frames[i], 0, out, (i - from) * 960, 960);
        }
        return out;
    }

    @Test
    void aToneSurvivesEncodeAndDecode() throws AudioDecodeException {
        OpusCodec sender = new OpusCodec(111);
        OpusCodec receiver = new OpusCodec(111);
        ToneSource tone = new ToneSource(440, 0.4, 48_000);
        short[][] decoded = new short[25][];
        int bytes = 0;
        for (int i = 0; i < decoded.length; i++) {
            byte[] packet = sender.encode(tone.nextFrame());
            bytes += packet.length;
            decoded[i] = receiver.decode(packet);
            assertThat(decoded[i]).hasSize(960);
        }
        short[] steady = tail(decoded, 5); // past the encoder's start-up
        assertThat(Goertzel.dominant(steady, 48_000, 350, 440, 1000)).hasValue(440);
        assertThat(bytes / decoded.length).as("mean packet size at 32 kbit/s").isBetween(40, 120);
    }

    @Test
    void lossConcealmentContinuesTheSignal() throws AudioDecodeException {
        OpusCodec sender = new OpusCodec(111);
        OpusCodec receiver = new OpusCodec(111);
        ToneSource tone = new ToneSource(440, 0.4, 48_000);
        for (int i = 0; i < 10; i++) {
            receiver.decode(sender.encode(tone.nextFrame()));
        }
        short[] concealed = receiver.conceal();
        assertThat(concealed).hasSize(960);
        assertThat(Goertzel.relativePower(concealed, 48_000, 440)).isGreaterThan(0.3);
        assertThat(new OpusCodec(111).conceal()).hasSize(960); // before any packet: silence, no failure
    }

    @Test
    void hostilePayloadsOnlyRaiseTheTypedException() {
        OpusCodec receiver = new OpusCodec(111);
        SplittableRandom random = new SplittableRandom(3);
        int refused = 0;
        for (int i = 0; i < 2_000; i++) {
            byte[] payload = new byte[random.nextInt(1, 200)];
            random.nextBytes(payload);
            try {
                receiver.decode(payload);
            } catch (AudioDecodeException e) {
                refused++;
            }
        }
        assertThat(refused).isPositive();
        assertThatThrownBy(() -> receiver.decode(new byte[0]))
                .isInstanceOfSatisfying(AudioDecodeException.class, e -> assertThat(e.reason()).isEqualTo(AudioDecodeException.Reason.EMPTY));
        assertThatThrownBy(() -> receiver.decode(new byte[OpusCodec.MAX_PAYLOAD + 1]))
                .isInstanceOfSatisfying(AudioDecodeException.class, e -> assertThat(e.reason()).isEqualTo(AudioDecodeException.Reason.TOO_LONG));
    }

    @Test
    void rtpParametersFollowRfc7587() {
        OpusCodec opus = new OpusCodec(111);
        assertThat(opus.clockRate()).isEqualTo(48_000);
        assertThat(opus.frameTicks()).isEqualTo(960);
        assertThat(opus.frameSamples()).isEqualTo(960);
        assertThatThrownBy(() -> new OpusCodec(8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> opus.encode(new short[160])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void registryByPayloadTypeAndName() {
        Codecs codecs = Codecs.standard();
        assertThat(codecs.byPayloadType(0)).get().isInstanceOf(Pcmu.class);
        assertThat(codecs.byPayloadType(8)).get().isInstanceOf(Pcma.class);
        assertThat(codecs.byPayloadType(111)).get().extracting(AudioCodec::name).isEqualTo("opus");
        assertThat(codecs.byPayloadType(101)).isEmpty();
        assertThat(codecs.isTelephoneEvent(101)).isTrue();
        assertThat(codecs.byName("pcmu")).get().extracting(AudioCodec::payloadType).isEqualTo(0);
        assertThat(codecs.byName("OPUS")).get().extracting(AudioCodec::payloadType).isEqualTo(111);
        assertThat(codecs.byName("G729")).isEmpty();
        assertThat(codecs.byPayloadType(0).get()).isNotSameAs(codecs.byPayloadType(0).get());

        Codecs negotiated = Codecs.withDynamic(96, 97);
        assertThat(negotiated.byPayloadType(96)).get().extracting(AudioCodec::name).isEqualTo("opus");
        assertThat(negotiated.byPayloadType(111)).isEmpty();
        assertThat(negotiated.isTelephoneEvent(97)).isTrue();
        assertThatThrownBy(() -> Codecs.withDynamic(96, 96)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Codecs.withDynamic(0, 101)).isInstanceOf(IllegalArgumentException.class);
    }
}
