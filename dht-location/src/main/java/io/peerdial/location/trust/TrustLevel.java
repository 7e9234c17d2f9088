package io.peerdial.location.trust;

/** A reader's verdict on who published a binding (shown by {@code peerdial lookup}). */
public enum TrustLevel {
    /** The AOR names the owner's key fingerprint. */
    SELF_CERTIFIED(true),
    /** A trusted domain CA certified the owner for this AOR. */
    DOMAIN(true),
    /** The owner is the key pinned for this AOR. */
    PINNED(true),
    /** No pin yet: trust on first use. */
    UNPINNED(true),
    /** Another key than the pinned one: refused unless the policy only warns. */
    PIN_MISMATCH(false),
    /** The AOR's domain has an anchor and the owner has no valid certificate from it. */
    UNTRUSTED_DOMAIN(false),
    /** A self-certifying AOR published by another key than the one it names. */
    FINGERPRINT_MISMATCH(false);

    private final boolean acceptedByDefault;

    TrustLevel(boolean acceptedByDefault) {
        this.acceptedByDefault = acceptedByDefault;
    }

    public boolean acceptedByDefault() {
        return acceptedByDefault;
    }
}
