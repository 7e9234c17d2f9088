package io.peerdial.relay.admission;

/**
 * What the relay gives now.
 *
 * @param measuredBytesPerSecond relayed rate the driver measured (0 if it does not measure): admission
 *                               uses the larger of this and sessions × the per-session rate
 */
public record RelayLoad(int sessions, long measuredBytesPerSecond) {
    public RelayLoad {
        if (sessions < 0 || measuredBytesPerSecond < 0) throw new IllegalArgumentException("load must be >= 0");
    }
}
