package io.peerdial.relay.admission;

/**
 * How balance buys admission (docs/INCENTIVES.md, "Admission").
 *
 * @param newcomerAllowance     bytes a node may be in debt and still be served at low load; a new identity starts at 0
 * @param freeBelow             utilisation (0..1) under which every requester within the allowance is admitted
 * @param balanceAtFullLoad     balance needed for the last slot; between {@code freeBelow} and full load the
 *                              required balance rises linearly from {@code -newcomerAllowance} to this
 * @param unfundedPerPrefix     sessions at once for requesters without positive balance from one network
 *                              prefix (/24 IPv4, /48 IPv6): new identities from one place share one allowance
 * @param requirePuzzle         if true, a requester without positive balance must have paid the Sybil cost
 *                              (an S/Kademlia-style puzzle on its identity, checked by the caller)
 */
public record AdmissionRules(long newcomerAllowance, double freeBelow, long balanceAtFullLoad, int unfundedPerPrefix,
                             boolean requirePuzzle) {

    public AdmissionRules {
        if (newcomerAllowance < 0 || balanceAtFullLoad < -newcomerAllowance || unfundedPerPrefix < 0
                || !(freeBelow >= 0 && freeBelow <= 1)) {
            throw new IllegalArgumentException("bad admission rules");
        }
    }

    /** 50 MB allowance, free below 50 % load, 500 MB needed for the last slot, 2 unfunded sessions per prefix. */
    public static AdmissionRules defaults() {
        return new AdmissionRules(50_000_000, 0.5, 500_000_000, 2, false);
    }

    /** The balance a requester needs when the relay would be at {@code utilisation} with it admitted. */
    public long requiredBalance(double utilisation) {
        if (utilisation <= freeBelow) return -newcomerAllowance;
        double f = freeBelow >= 1 ? 1 : Math.min(1, (utilisation - freeBelow) / (1 - freeBelow));
        return -newcomerAllowance + Math.round(f * (double) (balanceAtFullLoad + newcomerAllowance));
    }
}
