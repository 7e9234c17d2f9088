package io.peerdial.relay.credit;

/**
 * How receipts turn into credit (docs/INCENTIVES.md, "Credit").
 *
 * @param windowMs              receipts issued longer ago than this count for nothing (old debts and credits fade)
 * @param maxClockSkewMs        receipts from further in the future than this are ignored
 * @param fullWeightBytes       per counterpart, credit up to this counts in full...
 * @param capPerCounterpart     ...above it at a quarter, and nothing above this cap: one fake client
 *                              (or a colluding pair) can add at most {@code fullWeight + (cap - fullWeight)/4}
 */
public record CreditPolicy(long windowMs, long maxClockSkewMs, long fullWeightBytes, long capPerCounterpart) {

    public CreditPolicy {
        if (windowMs <= 0 || maxClockSkewMs < 0 || fullWeightBytes < 0 || capPerCounterpart < fullWeightBytes) {
            throw new IllegalArgumentException("need window > 0, skew >= 0, 0 <= fullWeight <= cap");
        }
    }

    /** 7 days; 100 MB counts in full per counterpart (about 3 h of a G.711 call both ways), 500 MB cap. */
    public static CreditPolicy defaults() {
        return new CreditPolicy(7L * 24 * 3600_000, 5 * 60_000, 100_000_000L, 500_000_000L);
    }

    /** What {@code bytes} relayed for one counterpart are worth as credit. */
    public long weigh(long bytes) {
        long full = Math.min(bytes, fullWeightBytes);
        long rest = Math.min(bytes, capPerCounterpart) - full;
        return full + rest / 4;
    }
}
