package io.peerdial.node.media.rtp;

/**
 * A 64-bit NTP timestamp (RFC 3550 §4): seconds since 1900-01-01 and a 32-bit binary fraction. The
 * wall-clock value comes in from the caller (UNIX milliseconds); nothing here reads a clock.
 *
 * @param seconds  0 to 2^32-1 (wraps in 2036, as NTP era 0 does)
 * @param fraction 0 to 2^32-1, in units of 2^-32 s
 */
public record NtpTime(long seconds, long fraction) {

    /** Seconds from 1900-01-01 (NTP epoch) to 1970-01-01 (UNIX epoch). */
    public static final long UNIX_EPOCH_OFFSET = 2_208_988_800L;

    public NtpTime {
        RtpPacket.requireUnsigned32("seconds", seconds);
        RtpPacket.requireUnsigned32("fraction", fraction);
    }

    /** The NTP time of a UNIX time in milliseconds; the fraction is exact to the millisecond (floor). */
    public static NtpTime fromUnixMillis(long unixMillis) {
        long seconds = Math.floorDiv(unixMillis, 1000);
        long millis = Math.floorMod(unixMillis, 1000);
        return new NtpTime((seconds + UNIX_EPOCH_OFFSET) & 0xFFFF_FFFFL, (millis << 32) / 1000);
    }

    /** The 64-bit wire form (§6.4.1 SR "NTP timestamp"). */
    public static NtpTime fromBits(long bits) {
        return new NtpTime(bits >>> 32, bits & 0xFFFF_FFFFL);
    }

    public long bits() {
        return seconds << 32 | fraction;
    }

    /** UNIX milliseconds, rounded to the nearest millisecond (era 0 only). */
    public long toUnixMillis() {
        return (seconds - UNIX_EPOCH_OFFSET) * 1000 + ((fraction * 1000 + (1L << 31)) >>> 32);
    }

    /**
     * The middle 32 bits (RFC 3550 §6.4.1 "LSR"): low 16 bits of the seconds, high 16 bits of the fraction,
     * i.e. a time in units of 1/65536 s modulo about 18 hours.
     */
    public long middle32() {
        return (seconds & 0xFFFF) << 16 | fraction >>> 16;
    }

    /** A duration in milliseconds as 1/65536 s units (the DLSR field, §6.4.1), saturated to 32 bits. */
    public static long millisToShortUnits(long millis) {
        if (millis <= 0) {
            return 0;
        }
        return Math.min(0xFFFF_FFFFL, millis * 65536 / 1000);
    }

    /** 1/65536 s units to milliseconds. */
    public static double shortUnitsToMillis(long units) {
        return units * 1000.0 / 65536;
    }
}
