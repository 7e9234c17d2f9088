package io.peerdial.node.media.call;

import io.peerdial.node.media.audio.AudioCodec;
import io.peerdial.node.media.audio.Codecs;
import io.peerdial.node.media.audio.DtmfPacket;
import io.peerdial.node.media.audio.DtmfReceiver;
import io.peerdial.node.media.audio.DtmfSender;
import io.peerdial.node.media.audio.OpusCodec;
import io.peerdial.node.media.audio.Playback;
import io.peerdial.node.media.audio.Resampler;
import io.peerdial.node.media.audio.SendClock;
import io.peerdial.node.media.audio.TelephoneEventException;
import io.peerdial.node.media.audio.WavAudio;
import io.peerdial.node.media.audio.WavFile;
import io.peerdial.node.media.rtp.RtcpFormatException;
import io.peerdial.node.media.rtp.RtcpSession;
import io.peerdial.node.media.rtp.RtpCodec;
import io.peerdial.node.media.rtp.RtpFormatException;
import io.peerdial.node.media.rtp.RtpHeaderView;
import io.peerdial.node.media.rtp.RtpPacket;
import io.peerdial.node.media.rtp.RtpSourceState;
import io.peerdial.node.media.rtp.SourceQuality;
import io.peerdial.node.media.sdp.Format;
import io.peerdial.node.media.sdp.MediaDirection;
import io.peerdial.node.media.sdp.Negotiated;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The audio of one call, sans-IO. The longest file of the package: it is the state machine.
 *
 * <p>Theory of operation. {@link #start} (again after every offer/answer) sets the codec, the far side's
 * address and the direction. One 20 ms tick grid ({@link SendClock}) drives both directions: on each tick
 * the core encodes the next frame of its {@link AudioSource} (or, while DTMF is being sent, the RFC 4733
 * event packet that replaces it, §2.5.1.1) and plays out one frame from the jitter buffer, appending it to
 * the recording, concealment and silence included, so the recording lasts as long as the call.
 * RTCP reports go out when the {@link RtcpSession} schedules them. The RTP timestamp advances one frame
 * per tick whether or not a packet is sent (RFC 3550 §5.1: it reflects the sampling instant), the
 * sequence number one per packet sent (§5.1); both start random (§5.1), as does the SSRC (§8.1).
 *
 * <p>Recording: PCM at the sample rate of the codec of the first {@link #start} (8 kHz for PCMU/PCMA,
 * 48 kHz for Opus); after a re-negotiation to a codec of another rate, frames are resampled to it.
 * Recording stops at the {@link WavFile#MAX_BYTES} limit.
 *
 * <p>Peer input never throws: malformed datagrams are counted ({@link CallStats#badDatagrams()}).
 */
public final class AudioCallCore {

    /**
     * @param source                what to send
     * @param record                keep what is played out, for {@link #recording()}
     * @param sink                  also hands every played-out frame here ({@link AudioSink#DISCARD}: nowhere)
     * @param cname                 the RTCP SDES CNAME (RFC 3550 §6.5.1)
     * @param wallClockOffsetMillis UNIX time minus the driver's {@code now}, for the NTP time of SRs
     */
    public record Config(AudioSource source, boolean record, AudioSink sink, String cname, long wallClockOffsetMillis) {
        public Config {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(sink, "sink");
            Objects.requireNonNull(cname, "cname");
        }

        public Config(AudioSource source, boolean record, String cname, long wallClockOffsetMillis) {
            this(source, record, AudioSink.DISCARD, cname, wallClockOffsetMillis);
        }
    }

    /** Session bandwidth for the RTCP share (RFC 3550 §6.2): 64 kbit/s G.711 plus headers. */
    private static final double SESSION_BITS_PER_SECOND = 80_000;
    private static final int MAX_RECORDED_SAMPLES = (WavFile.MAX_BYTES - 1024) / 2;

    private final Config config;
    private final RandomGenerator random;
    private final long ssrc;
    private final ArrayDeque<OutboundDatagram> transmits = new ArrayDeque<>();
    private final DtmfReceiver dtmfReceiver = new DtmfReceiver();

    private Negotiated agreed;
    private AudioCodec encoder;
    private Playback playback;
    private DtmfSender dtmfSender;
    private RtcpSession rtcp;
    private SendClock clock;
    private int sequence;
    private long rtpTimestamp;
    private boolean talkSpurtStarted;
    private boolean closed;

    private RtpSourceState remoteState;
    private long packetsSent;
    private long packetsReceived;
    private long badDatagrams;

    private int recordRate = -1;
    private Resampler recordResampler;
    private short[] recorded = new short[0];
    private int recordedLength;

    public AudioCallCore(Config config, RandomGenerator random) {
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
        this.ssrc = random.nextLong() & 0xFFFF_FFFFL;
        this.sequence = random.nextInt(1 << 16);
        this.rtpTimestamp = random.nextLong() & 0xFFFF_FFFFL;
    }

    /**
     * Applies an offer/answer outcome: the first call starts the media, later ones change codec, far side
     * and direction while keeping SSRC, sequence and timestamp continuous.
     *
     * @throws IllegalArgumentException if the agreed codec is not one this engine has (PCMU, PCMA, opus)
     * @throws IllegalStateException    after {@link #close}
     */
    public void start(long now, Negotiated negotiated) {
        Objects.requireNonNull(negotiated, "negotiated");
        if (closed) {
            throw new IllegalStateException("call media closed");
        }
        Format format = negotiated.codec();
        boolean codecChanged = agreed == null || agreed.codec().payloadType() != format.payloadType()
                || !agreed.codec().sameCodec(format);
        if (codecChanged) {
            AudioCodec newEncoder = codecFor(format);
            int oldClockRate = encoder == null ? -1 : encoder.clockRate();
            encoder = newEncoder;
            playback = new Playback(codecFor(format));
            if (recordRate < 0) {
                recordRate = encoder.sampleRate();
            }
            recordResampler = encoder.sampleRate() == recordRate ? null : new Resampler(encoder.sampleRate(), recordRate);
            if (oldClockRate != encoder.clockRate()) {
                dtmfSender = new DtmfSender(encoder.clockRate());
                rtcp = new RtcpSession(new RtcpSession.Config(ssrc, config.cname(), encoder.clockRate(),
                        SESSION_BITS_PER_SECOND, config.wallClockOffsetMillis()), random, now);
            }
        }
        if (agreed == null || !agreed.direction().sends() || !negotiated.direction().sends()) {
            talkSpurtStarted = false; // RFC 3551 §4.1: marker on the first packet after silence
        }
        agreed = negotiated;
        if (clock == null) {
            clock = new SendClock(now);
        }
    }

    /** When {@link #handleTimeout} wants to run next; {@link Long#MAX_VALUE} before start and after close. */
    public long pollTimeout() {
        if (clock == null || closed) {
            return Long.MAX_VALUE;
        }
        return Math.min(clock.nextDeadline(), rtcp.pollTimeout());
    }

    /** Runs the 20 ms ticks and RTCP reports due at {@code now}. */
    public void handleTimeout(long now) {
        if (clock == null || closed) {
            return;
        }
        for (int frames = clock.tick(now); frames > 0; frames--) {
            sendFrame(now);
            playOut(now);
            rtpTimestamp = (rtpTimestamp + encoder.frameTicks()) & 0xFFFF_FFFFL;
        }
        if (now >= rtcp.pollTimeout()) {
            rtcp.nextReport(now).ifPresent(report -> queue(report, true));
        }
    }

    /** One received datagram on the RTP (or RTCP) port: RFC 5761 §4 tells the two apart. */
    public void handleDatagram(long now, byte[] datagram) {
        if (clock == null || closed) {
            return;
        }
        if (datagram.length < 2) {
            badDatagrams++;
            return;
        }
        if (RtpHeaderView.isRtcp(datagram, 0, datagram.length)) {
            try {
                rtcp.handleRtcp(now, datagram);
            } catch (RtcpFormatException e) {
                badDatagrams++;
            }
            return;
        }
        int payloadOffset;
        try {
            payloadOffset = RtpHeaderView.validate(datagram, 0, datagram.length);
        } catch (RtpFormatException e) {
            badDatagrams++;
            return;
        }
        int payloadType = RtpHeaderView.payloadType(datagram, 0);
        int seq = RtpHeaderView.sequenceNumber(datagram, 0);
        long timestamp = RtpHeaderView.timestamp(datagram, 0);
        long remoteSsrc = RtpHeaderView.ssrc(datagram, 0);
        if (remoteSsrc == ssrc) {
            return; // our own stream looped back (RFC 3550 §8.2)
        }
        packetsReceived++;
        rtcp.onRtpReceived(now, remoteSsrc, seq, timestamp);
        track(now, remoteSsrc, seq, timestamp);
        if (!agreed.direction().receives()) {
            return; // RFC 3264 §5.1: a side that does not receive ignores the media
        }
        byte[] payload = Arrays.copyOfRange(datagram, payloadOffset, payloadEnd(datagram));
        if (payloadType == agreed.telephoneEvent()) {
            try {
                dtmfReceiver.receive(timestamp, payload); // RFC 4733 §2.5.2
            } catch (TelephoneEventException e) {
                badDatagrams++;
            }
        } else if (payloadType == agreed.codec().payloadType()) {
            playback.insert(now, seq, timestamp, RtpHeaderView.marker(datagram, 0), payload);
        }
        // other payload types (comfort noise, a codec not agreed) are ignored
    }

    /**
     * Queues DTMF digits as RFC 4733 events; false when no telephone-event type was agreed or not started.
     *
     * @throws IllegalArgumentException for a character that is not a DTMF key
     */
    public boolean sendDtmf(String digits) {
        if (clock == null || closed || agreed.telephoneEvent() < 0) {
            return false;
        }
        dtmfSender.send(digits);
        return true;
    }

    /** The next datagram to send, or empty. */
    public Optional<OutboundDatagram> pollTransmit() {
        return Optional.ofNullable(transmits.poll());
    }

    /** Ends the call's media: queues the final RTCP compound with BYE (RFC 3550 §6.6). Idempotent. */
    public void close(long now) {
        if (closed) {
            return;
        }
        if (rtcp != null) {
            queue(rtcp.close(now, "hangup"), true);
        }
        closed = true;
    }

    public boolean isClosed() {
        return closed;
    }

    public CallStats stats() {
        long lost = remoteState == null ? 0 : Math.max(0, remoteState.expected() - remoteState.received());
        double jitter = remoteState == null || encoder == null ? -1 : remoteState.jitter() * 1000 / encoder.clockRate();
        double rtt = -1;
        if (rtcp != null) {
            rtt = rtcp.qualities().stream().mapToDouble(SourceQuality::rttMillis).filter(r -> !Double.isNaN(r))
                    .findFirst().orElse(-1);
        }
        return new CallStats(packetsSent, packetsReceived, lost, jitter, rtt, badDatagrams, dtmfReceiver.digits());
    }

    /** What was played out so far (mono 16-bit), or empty audio at 8 kHz when not recording or not started. */
    public WavAudio recording() {
        return new WavAudio(recordRate < 0 ? 8000 : recordRate, 1, Arrays.copyOf(recorded, recordedLength));
    }

    /** The SSRC of our stream. */
    public long ssrc() {
        return ssrc;
    }

    private void sendFrame(long now) {
        short[] pcm = config.source().next(encoder.sampleRate(), encoder.frameSamples());
        if (!agreed.direction().sends()) {
            return; // RFC 3264 §6.1: recvonly/inactive (also what a far-side hold leaves us) send nothing
        }
        if (agreed.telephoneEvent() >= 0 && dtmfSender.isActive()) {
            Optional<DtmfPacket> event = dtmfSender.tick(rtpTimestamp);
            if (event.isPresent()) {
                DtmfPacket p = event.get(); // RFC 4733 §2.5.1.1: the event replaces this frame's audio
                sendRtp(now, p.marker(), agreed.telephoneEvent(), p.rtpTimestamp(), p.payload());
                return;
            }
        }
        byte[] payload = encoder.encode(pcm);
        sendRtp(now, !talkSpurtStarted, agreed.codec().payloadType(), rtpTimestamp, payload);
        talkSpurtStarted = true;
    }

    private void sendRtp(long now, boolean marker, int payloadType, long timestamp, byte[] payload) {
        RtpPacket packet = RtpPacket.of(marker, payloadType, sequence, timestamp, ssrc, payload);
        sequence = (sequence + 1) & 0xFFFF;
        packetsSent++;
        rtcp.onRtpSent(now, timestamp, payload.length);
        queue(RtpCodec.encode(packet), false);
    }

    private void playOut(long now) {
        short[] pcm = playback.poll(now);
        config.sink().play(encoder.sampleRate(), pcm);
        if (!config.record() || recordedLength >= MAX_RECORDED_SAMPLES) {
            return;
        }
        if (recordResampler != null) {
            pcm = recordResampler.process(pcm);
        }
        int length = Math.min(pcm.length, MAX_RECORDED_SAMPLES - recordedLength);
        if (recordedLength + length > recorded.length) {
            recorded = Arrays.copyOf(recorded, Math.max(recorded.length * 2, recordedLength + length + 48_000));
        }
        System.arraycopy(pcm, 0, recorded, recordedLength, length);
        recordedLength += length;
    }

    /** RFC 3550 A.1/A.8 bookkeeping for the loss and jitter figures of the current remote source. */
    private void track(long now, long remoteSsrc, int seq, long timestamp) {
        if (remoteState == null || remoteState.ssrc() != remoteSsrc) {
            remoteState = RtpSourceState.heardFirst(remoteSsrc, seq);
        }
        if (remoteState.updateSeq(seq)) {
            remoteState.observeArrival(timestamp, now * encoder.clockRate() / 1000);
        }
    }

    private void queue(byte[] bytes, boolean isRtcp) {
        String host = agreed.remoteAddress();
        int port = agreed.remotePort();
        if (port <= 0 || host == null || host.equals("0.0.0.0") || host.equals("::")) {
            return; // RFC 3264 §8.4: no address to send to (legacy hold)
        }
        if (isRtcp && !agreed.rtcpMux()) {
            port++; // RFC 3550 §11: RTCP on the next (odd) port
            if (port > 65_535) {
                return;
            }
        }
        transmits.add(new OutboundDatagram(host, port, bytes, isRtcp));
    }

    private static int payloadEnd(byte[] datagram) {
        boolean padded = (datagram[0] & 0x20) != 0; // RFC 3550 §5.1, checked by validate
        return datagram.length - (padded ? datagram[datagram.length - 1] & 0xFF : 0);
    }

    private static AudioCodec codecFor(Format format) {
        if (format.encoding().toLowerCase(Locale.ROOT).equals("opus")) {
            return new OpusCodec(format.payloadType());
        }
        AudioCodec codec = Codecs.standard().byName(format.encoding())
                .orElseThrow(() -> new IllegalArgumentException("unsupported codec " + format.rtpmap()));
        if (codec.payloadType() != format.payloadType()) {
            throw new IllegalArgumentException("static codec with a foreign payload type: " + format.rtpmap());
        }
        return codec;
    }
}
