package io.peerdial.node.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The RTCP state machine driven with a virtual {@code now} (milliseconds); no sleeps, no sockets. */
class RtcpSessionTest {

    private static final long WALL_OFFSET = 1_763_700_000_000L;
    private static final long ALICE = 0xA11CEL;
    private static final long BOB = 0xB0BL;

    private static RtcpSession session(long ssrc, String cname, RandomGenerator random) {
        return new RtcpSession(new RtcpSession.Config(ssrc, cname, 8000, 64_000, WALL_OFFSET), random, 0);
    }

    /** nextDouble() == 0: every interval is the lowest, Td * 0.5 / (e - 3/2). */
    private static RandomGenerator lowest() {
        return () -> 0L;
    }

    private static long lowestMillis(double td) {
        return Math.round(td * 0.5 / RtcpInterval.COMPENSATION * 1000);
    }

    @Test
    void firstReportIsAnRrWithCnameAfterTheHalvedMinimumInterval() throws RtcpFormatException {
        RtcpSession alice = session(ALICE, "alice@host", lowest());
        long first = lowestMillis(RtcpInterval.MIN_TIME / 2);
        assertThat(alice.pollTimeout()).isEqualTo(first).isEqualTo(1026);
        assertThat(alice.nextReport(first - 1)).isEmpty();

        byte[] report = alice.nextReport(first).orElseThrow();
        assertThat(RtcpCodec.decodeCompound(report)).containsExactly(new ReceiverReport(ALICE, List.of()),
                SourceDescription.cname(ALICE, "alice@host"));
        // A.7 redraws with "initial" still set, then clears it: the timer fires after another 2.5 s minimum,
        // and reconsideration with the 5 s minimum (now that initial is clear) postpones the report
        assertThat(alice.pollTimeout()).isEqualTo(2 * first);
        assertThat(alice.nextReport(2 * first)).isEmpty();
        assertThat(alice.pollTimeout()).isEqualTo(first + lowestMillis(RtcpInterval.MIN_TIME));
        assertThat(alice.nextReport(alice.pollTimeout())).isPresent();
    }

    @Test
    void aSenderReportsItsClocksAndCounts() throws RtcpFormatException {
        RtcpSession alice = session(ALICE, "alice@host", lowest());
        for (int i = 0; i < 40; i++) {
            alice.onRtpSent(20L * i, 1000 + 160L * i, 160);
        }
        long now = alice.pollTimeout(); // 1026: last packet sent at 780 with ts 1000 + 39 * 160
        SenderReport sr = (SenderReport) RtcpCodec.decodeCompound(alice.nextReport(now).orElseThrow()).get(0);
        assertThat(sr.ssrc()).isEqualTo(ALICE);
        assertThat(sr.packetCount()).isEqualTo(40);
        assertThat(sr.octetCount()).isEqualTo(40 * 160);
        assertThat(sr.ntpTime()).isEqualTo(NtpTime.fromUnixMillis(WALL_OFFSET + now));
        assertThat(sr.rtpTimestamp()).isEqualTo(1000 + 39 * 160 + (now - 780) * 8);
    }

    @Test
    void aSenderThatStopsBecomesAReceiverAfterTwoReports() throws RtcpFormatException {
        RtcpSession alice = session(ALICE, "alice@host", lowest());
        alice.onRtpSent(0, 0, 160);
        List<Integer> types = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            types.add(RtcpCodec.decodeCompound(nextSent(alice)).get(0).packetType());
        }
        assertThat(types).containsExactly(RtcpPacket.SR, RtcpPacket.SR, RtcpPacket.RR, RtcpPacket.RR);
    }

    @Test
    void twoPeersMeasureLossJitterAndRoundTripTime() {
        RtcpSession alice = session(ALICE, "alice@host", new SplittableRandom(1));
        RtcpSession bob = session(BOB, "bob@host", new SplittableRandom(2));
        Link link = new Link();
        int seq = 65000; // crosses the 16-bit wrap on the way
        for (long now = 0; now <= 30_000; now++) {
            if (now % 20 == 0) {
                long ts = now * 8;
                alice.onRtpSent(now, ts, 160);
                int sent = seq;
                seq = (seq + 1) & 0xFFFF;
                if (sent % 10 != 3) { // lose one packet in ten on the way to bob
                    link.send(now + 40, () -> bob.onRtpReceived(link.now, ALICE, sent, ts));
                }
            }
            link.deliver(now);
            exchangeReports(now, alice, bob, link);
        }
        SourceQuality atBob = bob.quality(ALICE).orElseThrow();
        assertThat(atBob.cname()).isEqualTo("alice@host");
        assertThat(atBob.lossPercent()).isBetween(8.0, 12.0);
        assertThat(atBob.jitterMillis()).isLessThan(1e-6); // constant delay: only the first transit's decay
        assertThat(atBob.packetsReceived()).isGreaterThan(1300);
        assertThat(atBob.rttMillis()).isNaN();     // alice sends SRs, bob only receives: no report blocks on bob

        SourceQuality atAlice = alice.quality(BOB).orElseThrow();
        assertThat(atAlice.cname()).isEqualTo("bob@host");
        assertThat(atAlice.rttMillis()).isCloseTo(80.0, within(2.0));
        assertThat(atAlice.remoteLossPercent()).isBetween(8.0, 12.0);
        assertThat(atAlice.remoteJitterMillis()).isZero();
        assertThat(atAlice.lossPercent()).isNaN(); // bob sent no RTP
        assertThat(alice.members()).isEqualTo(2);
        assertThat(bob.members()).isEqualTo(2);
    }

    @Test
    void variableDelayShowsAsJitter() {
        RtcpSession bob = session(BOB, "bob@host", new SplittableRandom(2));
        for (int i = 0; i < 500; i++) {
            long sent = 20L * i;
            long delay = i % 2 == 0 ? 40 : 60; // |D| is 20 ms for every packet pair
            bob.onRtpReceived(sent + delay, ALICE, i, sent * 8);
        }
        assertThat(bob.quality(ALICE).orElseThrow().jitterMillis()).isCloseTo(20.0, within(0.5));
    }

    @Test
    void byeRemovesTheSourceAndPullsTheNextReportCloser() throws RtcpFormatException {
        RtcpSession alice = session(ALICE, "alice@host", lowest());
        RtcpSession bob = session(BOB, "bob@host", lowest());
        alice.handleRtcp(10, nextSent(bob));
        nextSent(alice); // pmembers = 2
        long tn = alice.pollTimeout();
        long now = tn - 1000;

        byte[] bye = bob.close(now, "hanging up");
        List<RtcpPacket> packets = RtcpCodec.decodeCompound(bye);
        assertThat(packets.get(0)).isInstanceOf(ReceiverReport.class);
        assertThat(packets).last().isEqualTo(new Bye(List.of(BOB), "hanging up"));
        assertThat(bob.isClosed()).isTrue();
        assertThat(bob.pollTimeout()).isEqualTo(Long.MAX_VALUE);
        assertThat(bob.nextReport(Long.MAX_VALUE - 1)).isEmpty();
        assertThatThrownBy(() -> bob.close(now, "")).isInstanceOf(IllegalStateException.class);

        alice.handleRtcp(now, bye);
        assertThat(alice.quality(BOB)).isEmpty();
        assertThat(alice.members()).isEqualTo(1);
        // §6.3.4 reverse reconsideration: tn = tc + members/pmembers * (tn - tc)
        assertThat(alice.pollTimeout()).isEqualTo(now + 500);
    }

    @Test
    void newMembersPostponeTheReport() throws RtcpFormatException {
        RtcpSession alice = session(ALICE, "alice@host", lowest());
        long tn = alice.pollTimeout();
        for (long ssrc = 1; ssrc <= 60; ssrc++) { // 60 receivers announce themselves before alice's first report
            alice.handleRtcp(100, RtcpCodec.encodeCompound(List.of(new ReceiverReport(ssrc, List.of()),
                    SourceDescription.cname(ssrc, "member-" + ssrc + "@example.net"))));
        }
        assertThat(alice.members()).isEqualTo(61);
        assertThat(alice.nextReport(tn)).isEmpty(); // forward reconsideration (§6.3.3)
        assertThat(alice.pollTimeout()).isGreaterThan(tn);
        assertThat(alice.nextReport(alice.pollTimeout())).isPresent();
    }

    @Test
    void silentMembersTimeOut() throws RtcpFormatException {
        RtcpSession alice = session(ALICE, "alice@host", lowest());
        alice.handleRtcp(0, RtcpCodec.encodeCompound(List.of(new ReceiverReport(BOB, List.of()))));
        assertThat(alice.members()).isEqualTo(2);
        long now = 0;
        while (now < 40_000) { // 5 deterministic intervals of 5 s, and then some
            now = alice.pollTimeout();
            alice.nextReport(now);
        }
        assertThat(alice.members()).isEqualTo(1);
        assertThat(alice.quality(BOB)).isEmpty();
    }

    @Test
    void malformedRtcpIsReportedAndChangesNothing() {
        RtcpSession alice = session(ALICE, "alice@host", lowest());
        long tn = alice.pollTimeout();
        assertThatThrownBy(() -> alice.handleRtcp(5, new byte[] {(byte) 0x80, (byte) 0xca, 0, 0}))
                .isInstanceOfSatisfying(RtcpFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(RtcpFormatException.Reason.BAD_FIRST_PACKET));
        assertThat(alice.members()).isEqualTo(1);
        assertThat(alice.pollTimeout()).isEqualTo(tn);
    }

    @Test
    void ourOwnSsrcComingBackIsNotAMember() throws RtcpFormatException {
        RtcpSession alice = session(ALICE, "alice@host", lowest());
        alice.onRtpReceived(0, ALICE, 1, 0);
        alice.onRtpReceived(20, ALICE, 2, 160);
        alice.handleRtcp(30, RtcpCodec.encodeCompound(List.of(new ReceiverReport(ALICE, List.of()),
                SourceDescription.cname(ALICE, "alice@host"))));
        assertThat(alice.members()).isEqualTo(1);
        assertThat(alice.qualities()).isEmpty();
    }

    @Test
    void aSourceOnProbationIsNotYetAMember() {
        RtcpSession alice = session(ALICE, "alice@host", lowest());
        alice.onRtpReceived(0, BOB, 100, 0);
        assertThat(alice.members()).isEqualTo(1);
        alice.onRtpReceived(20, BOB, 101, 160);
        assertThat(alice.members()).isEqualTo(2);
        assertThat(alice.quality(BOB).orElseThrow().packetsReceived()).isEqualTo(1);
    }

    /** Runs the timer until a report goes out (forward reconsideration may postpone it first). */
    private static byte[] nextSent(RtcpSession session) {
        for (int i = 0; i < 10; i++) {
            var report = session.nextReport(session.pollTimeout());
            if (report.isPresent()) {
                return report.get();
            }
        }
        throw new AssertionError("no report after 10 timeouts");
    }

    private static void exchangeReports(long now, RtcpSession alice, RtcpSession bob, Link link) {
        if (now >= alice.pollTimeout()) {
            alice.nextReport(now).ifPresent(r -> link.send(now + 40, () -> handle(bob, link.now, r)));
        }
        if (now >= bob.pollTimeout()) {
            bob.nextReport(now).ifPresent(r -> link.send(now + 40, () -> handle(alice, link.now, r)));
        }
    }

    private static void handle(RtcpSession session, long now, byte[] datagram) {
        try {
            session.handleRtcp(now, datagram);
        } catch (RtcpFormatException e) {
            throw new AssertionError("a session produced invalid RTCP", e);
        }
    }

    /** Deliveries ordered by arrival time: a one-way link with a fixed delay chosen per send. */
    private static final class Link {
        private record Delivery(long at, long order, Runnable action) {
        }

        private final PriorityQueue<Delivery> queue = new PriorityQueue<>(
                (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
        private long order;
        long now;

        void send(long at, Runnable action) {
            queue.add(new Delivery(at, order++, action));
        }

        void deliver(long until) {
            while (!queue.isEmpty() && queue.peek().at <= until) {
                Delivery d = queue.poll();
                now = d.at;
                d.action.run();
            }
        }
    }

}
