package io.peerdial.node.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SRC-07, SRC-08 and DER-04 of /work/shared/vectors/media-and-auth.md. */
class NtpTimeTest {

    @Test
    void src07HalfASecondAfterTheUnixEpoch() {
        assertThat(NtpTime.fromUnixMillis(500)).isEqualTo(new NtpTime(2_208_988_800L, 2_147_483_648L));
        assertThat(new NtpTime(2_208_988_800L, 2_147_483_648L).toUnixMillis()).isEqualTo(500);
    }

    @Test
    void src08RoundTripsTenAndAHalfSeconds() {
        assertThat(NtpTime.fromUnixMillis(10_500).toUnixMillis()).isEqualTo(10_500);
    }

    @Test
    void roundTripsEveryMillisecondOfASecond() {
        long base = 1_763_700_000_000L;
        for (long ms = base; ms < base + 1000; ms++) {
            assertThat(NtpTime.fromUnixMillis(ms).toUnixMillis()).isEqualTo(ms);
        }
    }

    @Test
    void der04MiddleBitsAreTheLsr() {
        NtpTime t = new NtpTime(0x83AA_7E82L, 0x8000_0000L);
        assertThat(NtpTime.fromUnixMillis(2500)).isEqualTo(t);
        assertThat(t.middle32()).isEqualTo(0x7E82_8000L); // not the guide's 0x0E820000
        assertThat(NtpTime.fromBits(t.bits())).isEqualTo(t);
        assertThat(t.bits()).isEqualTo(0x83AA_7E82_8000_0000L);
    }

    @Test
    void dlsrCountsSixtyFourKUnitsPerSecond() {
        assertThat(NtpTime.millisToShortUnits(1000)).isEqualTo(65536);
        assertThat(NtpTime.millisToShortUnits(250)).isEqualTo(16384);
        assertThat(NtpTime.millisToShortUnits(-5)).isZero();
        assertThat(NtpTime.shortUnitsToMillis(32768)).isEqualTo(500.0);
    }
}
