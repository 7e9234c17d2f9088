package io.peerdial.relay.server;

import java.util.Objects;

/**
 * Settings of a TURN core. Times in milliseconds. {@link #defaults(String)} gives RFC 8656's
 * numbers: allocations 600 s by default and at most 3600 s (§7.2), permissions 300 s (§9),
 * channels 600 s (§12), a channel number or peer kept out of reuse 300 s after its binding
 * expires (§12).
 *
 * @param realm                    REALM of the long-term credential mechanism (RFC 8489 §9.2)
 * @param nonceLifetimeMs          after this a nonce is stale (438)
 * @param maxAllocationsPerUser    486 beyond this
 * @param maxAllocations           508 beyond this (also when the port range is full)
 * @param bytesPerSecondPerAllocation token-bucket rate for relayed bytes, both directions; 0 = unlimited
 * @param burstBytes               token-bucket depth
 * @param maxAllocationAgeMs       per-client duration quota: an allocation ends this long after its Allocate,
 *                                 however often it is refreshed (its credential may have expired long before:
 *                                 requests on an allocation are verified with the key it was created with)
 */
public record TurnConfig(String realm, long defaultLifetimeMs, long maxLifetimeMs, long permissionLifetimeMs,
                         long channelLifetimeMs, long channelQuarantineMs, long nonceLifetimeMs,
                         int maxAllocationsPerUser, int maxAllocations, long bytesPerSecondPerAllocation,
                         long burstBytes, PeerAddressPolicy peerPolicy, String software, long maxAllocationAgeMs) {

    public TurnConfig {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(peerPolicy, "peerPolicy");
        Objects.requireNonNull(software, "software");
        if (defaultLifetimeMs <= 0 || maxLifetimeMs < defaultLifetimeMs) {
            throw new IllegalArgumentException("need 0 < defaultLifetime <= maxLifetime");
        }
        if (permissionLifetimeMs <= 0 || channelLifetimeMs <= 0 || channelQuarantineMs < 0 || nonceLifetimeMs <= 0) {
            throw new IllegalArgumentException("lifetimes must be positive");
        }
        if (maxAllocationsPerUser <= 0 || maxAllocations <= 0) {
            throw new IllegalArgumentException("allocation limits must be positive");
        }
        if (bytesPerSecondPerAllocation < 0 || burstBytes < 0) {
            throw new IllegalArgumentException("bandwidth limits must be >= 0");
        }
        if (maxAllocationAgeMs < defaultLifetimeMs) {
            throw new IllegalArgumentException("the maximum allocation age must be at least the default lifetime");
        }
    }

    /** Four hours: longer than nearly every call, short enough that a leaked allocation does not live on. */
    public static final long DEFAULT_MAX_ALLOCATION_AGE_MS = 4 * 3_600_000L;

    public static TurnConfig defaults(String realm) {
        return new TurnConfig(realm, 600_000, 3_600_000, 300_000, 600_000, 300_000, 600_000,
                10, 10_000, 0, 0, PeerAddressPolicy.strict(), "peerdial", DEFAULT_MAX_ALLOCATION_AGE_MS);
    }

    public TurnConfig withPeerPolicy(PeerAddressPolicy policy) {
        return new TurnConfig(realm, defaultLifetimeMs, maxLifetimeMs, permissionLifetimeMs, channelLifetimeMs,
                channelQuarantineMs, nonceLifetimeMs, maxAllocationsPerUser, maxAllocations,
                bytesPerSecondPerAllocation, burstBytes, policy, software, maxAllocationAgeMs);
    }

    public TurnConfig withQuotas(int perUser, int total, long bytesPerSecond, long burst) {
        return new TurnConfig(realm, defaultLifetimeMs, maxLifetimeMs, permissionLifetimeMs, channelLifetimeMs,
                channelQuarantineMs, nonceLifetimeMs, perUser, total, bytesPerSecond, burst, peerPolicy, software,
                maxAllocationAgeMs);
    }

    /** With another per-client duration quota. */
    public TurnConfig withMaxAllocationAge(long ms) {
        return new TurnConfig(realm, defaultLifetimeMs, maxLifetimeMs, permissionLifetimeMs, channelLifetimeMs,
                channelQuarantineMs, nonceLifetimeMs, maxAllocationsPerUser, maxAllocations, bytesPerSecondPerAllocation,
                burstBytes, peerPolicy, software, ms);
    }
}
