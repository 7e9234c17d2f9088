package io.peerdial.node.media.rtp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The RTCP side of one RTP session with one local SSRC (RFC 3550 §6), sans-IO. The longest file of the
 * package: it is the state machine.
 *
 * <p>Theory of operation. The driver tells the session about RTP it sends ({@link #onRtpSent}) and receives
 * ({@link #onRtpReceived}) and hands it every RTCP datagram ({@link #handleRtcp}). It asks
 * {@link #pollTimeout()} when to wake up and then calls {@link #nextReport(long)}, which either returns a
 * compound packet to send (SR when we sent RTP in the last two intervals, else RR; plus SDES CNAME) or
 * reschedules (A.7 OnExpire with forward reconsideration). {@link #close(long)} returns the final
 * RR/SR + SDES + BYE.
 *
 * <p>Time: every {@code now} is milliseconds on the driver's monotonic clock (any origin). Wall-clock
 * NTP timestamps (§4) are {@code now + config.wallClockOffsetMillis()}: the driver captures the offset
 * once, so a wall-clock step does not disturb the timers. Timestamps for jitter are {@code now} scaled to
 * the clock rate, so the jitter resolution is one millisecond.
 *
 * <p>Simplifications (see the report/TODO): BYE is sent at once without BYE reconsideration (§6.3.7
 * allows it below 50 members); SSRC collisions (§8.2) are not resolved, packets bearing our own SSRC are
 * ignored; at most 31 report blocks per report.
 */
public final class RtcpSession {

    /**
     * @param ssrc                  the local SSRC
     * @param cname                 the local SDES CNAME (§6.5.1)
     * @param clockRate             RTP clock rate of the media, Hz (RFC 3551: 8000 for PCMU/PCMA)
     * @param sessionBitsPerSecond  session bandwidth (§6.2), e.g. 64000 for G.711 plus headers
     * @param wallClockOffsetMillis UNIX time in milliseconds minus the driver's {@code now}
     */
    public record Config(long ssrc, String cname, int clockRate, double sessionBitsPerSecond,
                         long wallClockOffsetMillis) {
        public Config {
            RtpPacket.requireUnsigned32("ssrc", ssrc);
            if (clockRate <= 0 || sessionBitsPerSecond <= 0) {
                throw new IllegalArgumentException("clock rate and bandwidth must be positive");
            }
            new SourceDescription.Item(SourceDescription.Item.CNAME, cname); // validates the length
        }
    }

    /** §6.3.3: avg_rtcp_size counts the UDP and IPv4 headers too. */
    static final int UDP_IP_OVERHEAD = 28;
    /** §6.3.5: a member silent for M = 5 deterministic intervals times out. */
    private static final int MEMBER_TIMEOUT_INTERVALS = 5;

    private final Config config;
    private final RandomGenerator random;
    private final double rtcpBandwidth;
    private final Map<Long, Remote> remotes = new LinkedHashMap<>();

    private long tp;                 // last time we sent RTCP
    private long tn;                 // next scheduled transmission time
    private long reportBeforeLast = Long.MIN_VALUE;
    private int pmembers = 1;
    private boolean initial = true;
    private double avgRtcpSize;
    private boolean closed;

    private long packetCount;
    private long octetCount;
    private long lastRtpTimestamp;
    private long lastRtpSentAt = Long.MIN_VALUE;

    public RtcpSession(Config config, RandomGenerator random, long now) {
        this.config = config;
        this.random = random;
        this.rtcpBandwidth = RtcpInterval.rtcpBandwidth(config.sessionBitsPerSecond());
        // A.7 initialisation: avg_rtcp_size = probable size of the first RTCP packet (an RR + SDES CNAME)
        this.avgRtcpSize = RtcpCodec.encodedLength(new ReceiverReport(config.ssrc(), List.of()))
                + RtcpCodec.encodedLength(SourceDescription.cname(config.ssrc(), config.cname())) + UDP_IP_OVERHEAD;
        this.tp = now;
        this.tn = now + millis(currentInterval(now));
    }

    /** We sent an RTP packet with this timestamp and payload size (for the SR sender info, §6.4.1). */
    public void onRtpSent(long now, long rtpTimestamp, int payloadBytes) {
        RtpPacket.requireUnsigned32("RTP timestamp", rtpTimestamp);
        packetCount++;
        octetCount += payloadBytes;
        lastRtpTimestamp = rtpTimestamp;
        lastRtpSentAt = now;
    }

    /** A received RTP packet, from fields read with {@link RtpHeaderView} (no allocation once the source is known). */
    public void onRtpReceived(long now, long ssrc, int sequenceNumber, long rtpTimestamp) {
        if (closed || ssrc == config.ssrc()) {
            return; // our own SSRC coming back: a loop or a collision (§8.2), not a member
        }
        Remote remote = remote(ssrc);
        remote.lastHeard = now;
        if (remote.rtp == null) {
            remote.rtp = RtpSourceState.heardFirst(ssrc, sequenceNumber); // A.1 new source, on probation
        }
        if (remote.rtp.updateSeq(sequenceNumber)) {
            remote.rtp.observeArrival(rtpTimestamp, now * config.clockRate() / 1000); // A.8 from the second packet on
            remote.lastRtpAt = now;
            remote.rtpSinceReport = true;
        }
    }

    public void onRtpReceived(long now, RtpPacket packet) {
        onRtpReceived(now, packet.ssrc(), packet.sequenceNumber(), packet.timestamp());
    }

    /** A received RTCP datagram (A.7 OnReceive). Malformed input changes nothing and is reported. */
    public void handleRtcp(long now, byte[] datagram) throws RtcpFormatException {
        List<RtcpPacket> packets = RtcpCodec.decodeCompound(datagram);
        if (closed) {
            return;
        }
        int membersBefore = members();
        for (RtcpPacket packet : packets) {
            if (packet instanceof SenderReport sr) {
                if (sr.ssrc() == config.ssrc()) {
                    continue;
                }
                Remote remote = heard(sr.ssrc(), now);
                remote.lastSrMiddle = sr.ntpTime().middle32();
                remote.lastSrArrival = now;
                readBlocks(remote, sr.reports(), now);
            } else if (packet instanceof ReceiverReport rr) {
                if (rr.ssrc() != config.ssrc()) {
                    readBlocks(heard(rr.ssrc(), now), rr.reports(), now);
                }
            } else if (packet instanceof SourceDescription sdes) {
                for (SourceDescription.Chunk chunk : sdes.chunks()) {
                    if (chunk.ssrc() == config.ssrc()) {
                        continue;
                    }
                    Remote remote = heard(chunk.ssrc(), now);
                    chunk.items().stream().filter(i -> i.type() == SourceDescription.Item.CNAME).findFirst()
                            .ifPresent(i -> remote.cname = i.text());
                }
            } else if (packet instanceof Bye bye) {
                bye.ssrcs().forEach(remotes::remove);
            }
        }
        // A.7 OnReceive: every received compound counts in the average size
        avgRtcpSize = (1.0 / 16.0) * (datagram.length + UDP_IP_OVERHEAD) + (15.0 / 16.0) * avgRtcpSize;
        if (members() < membersBefore) {
            reverseReconsider(now);
        }
    }

    /** When to call {@link #nextReport(long)}: the scheduled transmission time tn, or never once closed. */
    public long pollTimeout() {
        return closed ? Long.MAX_VALUE : tn;
    }

    /**
     * A.7 OnExpire for a report: when {@code now} has reached tn, either returns the compound packet to send
     * now or (forward reconsideration) moves tn later and returns empty.
     */
    public Optional<byte[]> nextReport(long now) {
        if (closed || now < tn) {
            return Optional.empty();
        }
        timeOutMembers(now);
        long candidate = tp + millis(currentInterval(now));
        if (candidate > now) {
            tn = candidate;
            pmembers = members();
            return Optional.empty();
        }
        byte[] report = RtcpCodec.encodeCompound(reportPackets(now));
        avgRtcpSize = (1.0 / 16.0) * (report.length + UDP_IP_OVERHEAD) + (15.0 / 16.0) * avgRtcpSize;
        reportBeforeLast = tp;
        tp = now;
        // redraw: the interval above is conditioned on being small enough to send (A.7)
        tn = now + millis(currentInterval(now));
        initial = false;
        pmembers = members();
        return Optional.of(report);
    }

    /** Leaves the session: the final compound with a BYE for our SSRC (§6.6). Sent at once (§6.3.7, &lt; 50 members). */
    public byte[] close(long now, String reason) {
        if (closed) {
            throw new IllegalStateException("session already closed");
        }
        List<RtcpPacket> packets = new ArrayList<>(reportPackets(now));
        packets.add(new Bye(List.of(config.ssrc()), reason));
        closed = true;
        return RtcpCodec.encodeCompound(packets);
    }

    public Optional<SourceQuality> quality(long ssrc) {
        Remote remote = remotes.get(ssrc);
        return remote == null ? Optional.empty() : Optional.of(remote.quality(config.clockRate()));
    }

    /** Quality of every remote source we know, in the order they were first heard. */
    public List<SourceQuality> qualities() {
        List<SourceQuality> all = new ArrayList<>(remotes.size());
        remotes.values().forEach(r -> all.add(r.quality(config.clockRate())));
        return all;
    }

    /** §6.3.2 members: ourselves plus every remote source heard (valid RTP or any RTCP) and not timed out. */
    public int members() {
        int members = 1;
        for (Remote remote : remotes.values()) {
            if (remote.counted()) {
                members++;
            }
        }
        return members;
    }

    /** §6.3.2 senders: sources, us included, that sent RTP since two reports ago. */
    public int senders(long now) {
        int senders = weSent() ? 1 : 0;
        for (Remote remote : remotes.values()) {
            if (remote.lastRtpAt != Long.MIN_VALUE && remote.lastRtpAt >= reportBeforeLast) {
                senders++;
            }
        }
        return senders;
    }

    public boolean isClosed() {
        return closed;
    }

    private boolean weSent() {
        // §6.3.8: we_sent is true if we sent RTP since the second previous report
        return lastRtpSentAt != Long.MIN_VALUE && lastRtpSentAt >= reportBeforeLast;
    }

    private double currentInterval(long now) {
        return RtcpInterval.interval(members(), senders(now), rtcpBandwidth, weSent(), avgRtcpSize, initial, random);
    }

    private List<RtcpPacket> reportPackets(long now) {
        List<ReportBlock> blocks = new ArrayList<>();
        for (Remote remote : remotes.values()) {
            if (remote.rtp != null && remote.rtpSinceReport && blocks.size() < RtcpPacket.MAX_COUNT) {
                remote.rtp.closeInterval(); // A.3, once per report
                remote.rtpSinceReport = false;
                long dlsr = remote.lastSrArrival == Long.MIN_VALUE ? 0
                        : NtpTime.millisToShortUnits(now - remote.lastSrArrival);
                blocks.add(remote.rtp.reportBlock(remote.lastSrMiddle, dlsr));
            }
        }
        RtcpPacket report;
        if (weSent()) {
            long elapsed = now - lastRtpSentAt; // extrapolate the RTP clock to the SR's wall-clock instant
            long rtpTimestamp = (lastRtpTimestamp + elapsed * config.clockRate() / 1000) & 0xFFFF_FFFFL;
            report = new SenderReport(config.ssrc(), NtpTime.fromUnixMillis(now + config.wallClockOffsetMillis()),
                    rtpTimestamp, packetCount & 0xFFFF_FFFFL, octetCount & 0xFFFF_FFFFL, blocks);
        } else {
            report = new ReceiverReport(config.ssrc(), blocks);
        }
        return List.of(report, SourceDescription.cname(config.ssrc(), config.cname()));
    }

    private void readBlocks(Remote remote, List<ReportBlock> blocks, long now) {
        for (ReportBlock block : blocks) {
            if (block.ssrc() != config.ssrc()) {
                continue;
            }
            remote.reportOnUs = block;
            if (block.lastSr() != 0) {
                // §6.4.1: RTT = A - LSR - DLSR, all in 1/65536 s, A = arrival time as middle-32 NTP
                long arrival = NtpTime.fromUnixMillis(now + config.wallClockOffsetMillis()).middle32();
                long rtt = (arrival - block.lastSr() - block.delaySinceLastSr()) & 0xFFFF_FFFFL;
                if (rtt < 0x8000_0000L) { // a "negative" result means clocks or fields we cannot trust
                    remote.rttMillis = NtpTime.shortUnitsToMillis(rtt);
                }
            }
        }
    }

    private void timeOutMembers(long now) {
        double td = RtcpInterval.deterministic(members(), senders(now), rtcpBandwidth, weSent(), avgRtcpSize, initial);
        long limit = now - millis(MEMBER_TIMEOUT_INTERVALS * td);
        int before = members();
        remotes.values().removeIf(r -> r.lastHeard < limit);
        if (members() < before) {
            reverseReconsider(now);
        }
    }

    /** §6.3.4: members dropped, so report sooner rather than wait out an interval sized for more members. */
    private void reverseReconsider(long now) {
        int members = members();
        if (members < pmembers) {
            tn = Math.round(RtcpInterval.reverseNext(now, tn, members, pmembers));
            tp = Math.round(RtcpInterval.reversePrevious(now, tp, members, pmembers));
            pmembers = members;
        }
    }

    private Remote heard(long ssrc, long now) {
        Remote remote = remote(ssrc);
        remote.lastHeard = now;
        remote.rtcpHeard = true;
        return remote;
    }

    private Remote remote(long ssrc) {
        return remotes.computeIfAbsent(ssrc, Remote::new);
    }

    private static long millis(double seconds) {
        return Math.round(seconds * 1000);
    }

    /** What we know about one remote SSRC. */
    private static final class Remote {
        final long ssrc;
        RtpSourceState rtp;
        boolean rtcpHeard;
        boolean rtpSinceReport;
        String cname = "";
        long lastHeard = Long.MIN_VALUE;
        long lastRtpAt = Long.MIN_VALUE;
        long lastSrMiddle;
        long lastSrArrival = Long.MIN_VALUE;
        ReportBlock reportOnUs;
        double rttMillis = Double.NaN;

        Remote(long ssrc) {
            this.ssrc = ssrc;
        }

        boolean counted() {
            return rtcpHeard || (rtp != null && !rtp.onProbation());
        }

        SourceQuality quality(int clockRate) {
            double loss = rtp == null ? Double.NaN : rtp.fractionLost() * 100.0 / 256;
            double jitter = rtp == null ? Double.NaN : rtp.jitter() * 1000 / clockRate;
            double remoteLoss = reportOnUs == null ? Double.NaN : reportOnUs.fractionLost() * 100.0 / 256;
            double remoteJitter = reportOnUs == null ? Double.NaN : reportOnUs.jitter() * 1000.0 / clockRate;
            return new SourceQuality(ssrc, cname, rtp == null ? 0 : rtp.received(), loss,
                    rtp == null ? 0 : rtp.cumulativeLost(), jitter, rttMillis, remoteLoss, remoteJitter);
        }
    }
}
