package io.peerdial.location.storage;

/**
 * Limits of a storing node.
 *
 * @param maxLifetimeMs     longest accepted expiresAt - issuedAt (default 1 h), at most {@link #HARD_MAX_LIFETIME_MS}
 * @param clockSkewMs       how far in the future issuedAt may be (writers' clocks differ)
 * @param maxEntriesPerKey  dictionary entries (owner, slot) under one key, tombstones included
 * @param maxTotalBytes     encoded bytes held by the node, all keys together
 */
public record StorageLimits(long maxLifetimeMs, long clockSkewMs, int maxEntriesPerKey, long maxTotalBytes) {

    public static final long HARD_MAX_LIFETIME_MS = 24 * 3600_000L;
    public static final StorageLimits DEFAULT = new StorageLimits(3600_000L, 5 * 60_000L, 64, 64L << 20);

    public StorageLimits {
        if (maxLifetimeMs < 1 || maxLifetimeMs > HARD_MAX_LIFETIME_MS) {
            throw new IllegalArgumentException("maxLifetimeMs must be in [1, " + HARD_MAX_LIFETIME_MS + "], got " + maxLifetimeMs);
        }
        if (clockSkewMs < 0) throw new IllegalArgumentException("clockSkewMs < 0");
        if (maxEntriesPerKey < 1) throw new IllegalArgumentException("maxEntriesPerKey < 1");
        if (maxTotalBytes < 1) throw new IllegalArgumentException("maxTotalBytes < 1");
    }
}
