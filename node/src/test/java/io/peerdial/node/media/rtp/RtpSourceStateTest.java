package io.peerdial.node.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SRC-02..06 of /work/shared/vectors/media-and-auth.md, and the A.1 cases the guide does not print. */
class RtpSourceStateTest {

    @Test
    void src02InitSeq() {
        RtpSourceState s = new RtpSourceState(1);
        s.initSeq(10);
        assertThat(s.maxSeq()).isEqualTo(10);
        // INCONSISTENT vector: the guide prints badseq=9; RFC 3550 A.1 init_seq sets RTP_SEQ_MOD + 1 = 65537
        assertThat(s.badSeq()).isEqualTo(65537);
        assertThat(s.cycles()).isZero();
        assertThat(s.baseSeq()).isEqualTo(10);
        assertThat(s.probation()).isZero();
        assertThat(s.received()).isZero();
        assertThat(s.expectedPrior()).isZero();
        assertThat(s.receivedPrior()).isZero();
        assertThat(s.transit()).isZero();
        assertThat(s.jitter()).isZero();
    }

    @Test
    void src03NewSourceOnProbation() {
        RtpSourceState s = RtpSourceState.heardFirst(1, 10);
        assertThat(s.maxSeq()).isEqualTo(9);
        assertThat(s.badSeq()).isEqualTo(65537); // INCONSISTENT vector: guide 9, RFC 65537
        assertThat(s.baseSeq()).isEqualTo(10);
        assertThat(s.probation()).isEqualTo(RtpSourceState.MIN_SEQUENTIAL).isEqualTo(2);
        assertThat(s.received()).isZero();
        assertThat(s.onProbation()).isTrue();
    }

    @Test
    void src04ProbationSurvivesTheLossOf11() {
        RtpSourceState s = RtpSourceState.heardFirst(1, 10);
        assertThat(s.updateSeq(12)).isFalse(); // not 10: probation restarts at 1 with max 12
        assertThat(s.probation()).isEqualTo(1);
        assertThat(s.updateSeq(13)).isTrue();  // sequential: probation over, init_seq(13)
        assertThat(s.maxSeq()).isEqualTo(13);
        assertThat(s.badSeq()).isEqualTo(65537); // guide prints 12 (its own rule); RFC A.1
        assertThat(s.baseSeq()).isEqualTo(13);
        assertThat(s.probation()).isZero();
        assertThat(s.received()).isEqualTo(1);
        assertThat(s.cycles()).isZero();
    }

    @Test
    void onAClockOfArbitraryOriginTheFirstPacketOnlySetsTheTransit() {
        RtpSourceState s = RtpSourceState.heardFirst(1, 10);
        long origin = 1_234_567_890L * 8; // a monotonic clock in 8 kHz units, far from the RTP timestamps
        for (int i = 0; i < 10; i++) {
            s.observeArrival(5_000 + 160L * i, origin + 160L * i); // steady 20 ms packets
        }
        assertThat(s.jitter()).isZero();
        s.observeArrival(5_000 + 160L * 10, origin + 160L * 10 + 16); // 2 ms late
        assertThat(s.jitter()).isEqualTo(1.0); // 16 / 16
    }

    @Test
    void src05JitterOverThreePackets() {
        RtpSourceState s = RtpSourceState.heardFirst(1, 10);
        s.updateJitter(1000, 0);
        assertThat(s.jitter()).isEqualTo(62.5);
        s.updateJitter(1160, 160);
        assertThat(s.jitter()).isEqualTo(58.59375);
        s.updateJitter(1330, 320);
        assertThat(s.transit()).isEqualTo(-1010);
        assertThat(s.jitter()).isEqualTo(55.556640625);
        assertThat((long) s.jitter()).isEqualTo(55);
        assertThat(s.reportBlock(0, 0).jitter()).isEqualTo(55);
    }

    @Test
    void src06LossOf13() {
        RtpSourceState s = RtpSourceState.heardFirst(1, 10);
        s.updateSeq(11);
        s.updateSeq(12);
        s.updateSeq(14);
        s.closeInterval();
        assertThat(s.cumulativeLost()).isEqualTo(1);
        assertThat(s.fractionLost()).isEqualTo(85);
        assertThat(s.expectedPrior()).isEqualTo(3);
        assertThat(s.receivedPrior()).isEqualTo(2);
        ReportBlock block = s.reportBlock(0x7E82_8000L, 65536);
        assertThat(block).isEqualTo(new ReportBlock(1, 85, 1, 14, 0, 0x7E82_8000L, 65536));
    }

    @Test
    void secondIntervalCountsOnlyItsOwnLoss() {
        RtpSourceState s = valid(100);
        for (int seq = 102; seq < 110; seq++) {
            s.updateSeq(seq);
        }
        s.closeInterval();
        for (int seq = 110; seq < 120; seq += 2) { // every other packet lost
            s.updateSeq(seq);
        }
        s.closeInterval();
        assertThat(s.fractionLost()).isEqualTo(4 * 256 / 9);
        assertThat(s.cumulativeLost()).isEqualTo(4);
        s.closeInterval(); // nothing expected: no loss claimed
        assertThat(s.fractionLost()).isZero();
    }

    @Test
    void sequenceWrapCountsACycle() {
        RtpSourceState s = valid(65534);
        assertThat(s.updateSeq(0)).isTrue();
        assertThat(s.updateSeq(1)).isTrue();
        assertThat(s.cycles()).isEqualTo(65536);
        assertThat(s.extendedMax()).isEqualTo(65536 + 1);
        s.closeInterval();
        assertThat(s.cumulativeLost()).isZero();
    }

    @Test
    void lateAndDuplicatePacketsAreValidButDoNotMoveMax() {
        RtpSourceState s = valid(500);
        s.updateSeq(503);
        assertThat(s.updateSeq(502)).isTrue();
        assertThat(s.updateSeq(502)).isTrue();
        assertThat(s.maxSeq()).isEqualTo(503);
        s.closeInterval();
        assertThat(s.cumulativeLost()).isEqualTo(-1); // a duplicate offsets the loss (RFC 3550 §6.4.1)
    }

    @Test
    void aLargeJumpNeedsTwoSequentialPacketsToResync() {
        RtpSourceState s = valid(1000);
        assertThat(s.updateSeq(40000)).isFalse();
        assertThat(s.badSeq()).isEqualTo(40001);
        assertThat(s.maxSeq()).isEqualTo(1001);
        assertThat(s.updateSeq(40001)).isTrue(); // the peer restarted: init_seq
        assertThat(s.baseSeq()).isEqualTo(40001);
        assertThat(s.received()).isEqualTo(1);
    }

    @Test
    void probationRestartsOnAGap() {
        RtpSourceState s = RtpSourceState.heardFirst(3, 10);
        assertThat(s.updateSeq(10)).isFalse();
        assertThat(s.updateSeq(20)).isFalse();
        assertThat(s.probation()).isEqualTo(1);
        assertThat(s.updateSeq(21)).isTrue();
        assertThat(s.onProbation()).isFalse();
    }

    @Test
    void cumulativeLossIsClampedTo24SignedBits() {
        RtpSourceState s = valid(0);
        // jump forward by < MAX_DROPOUT repeatedly: 2999 lost each time, across many cycles
        int seq = 1;
        for (int i = 0; i < 3000; i++) {
            seq = (seq + 2999) & 0xFFFF;
            s.updateSeq(seq);
        }
        s.closeInterval();
        assertThat(s.cumulativeLost()).isEqualTo(ReportBlock.MAX_CUMULATIVE_LOST);
        assertThat(s.fractionLost()).isEqualTo(255);
    }

    /** A source out of probation whose last packet was {@code first + 1}. */
    private static RtpSourceState valid(int first) {
        RtpSourceState s = RtpSourceState.heardFirst(7, first);
        s.updateSeq(first);
        s.updateSeq((first + 1) & 0xFFFF);
        assertThat(s.onProbation()).isFalse();
        return s;
    }
}
