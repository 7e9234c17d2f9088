package io.peerdial.relay.admission;

/**
 * What an operator gives to others: the relay never goes beyond these, whatever the balances.
 *
 * @param maxSessions              relayed sessions at once; 0 = gives nothing
 * @param maxBytesPerSecond        relayed bandwidth given, both directions
 * @param bytesPerSecondPerSession what one session is assumed to use when admitting (a call: ~10 kB/s each way)
 * @param maxSessionsPerRequester  sessions one requesting node may hold at once
 */
public record RelayCaps(int maxSessions, long maxBytesPerSecond, long bytesPerSecondPerSession, int maxSessionsPerRequester) {

    public RelayCaps {
        if (maxSessions < 0 || maxBytesPerSecond < 0 || bytesPerSecondPerSession <= 0 || maxSessionsPerRequester < 0) {
            throw new IllegalArgumentException("caps must be >= 0 and the per-session rate > 0");
        }
    }

    /** The relay gives nothing: every request is refused (508). */
    public static RelayCaps none() {
        return new RelayCaps(0, 0, 1, 0);
    }

    /** 100 sessions, 2.5 MB/s (20 Mbit/s), 20 kB/s per session, 4 per requester. */
    public static RelayCaps defaults() {
        return new RelayCaps(100, 2_500_000, 20_000, 4);
    }

    public boolean givesNothing() {
        return maxSessions == 0 || maxBytesPerSecond < bytesPerSecondPerSession || maxSessionsPerRequester == 0;
    }
}
