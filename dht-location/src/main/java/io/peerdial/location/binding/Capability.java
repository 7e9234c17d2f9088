package io.peerdial.location.binding;

/**
 * What a device offers others, one bit each in a binding's 16-bit capability set. Unknown bits
 * are kept and re-encoded unchanged (a newer node may set them).
 */
public enum Capability {
    /** Runs a TURN media relay for peers (super-node). */
    MEDIA_RELAY(0),
    /** Accepts keep-alive flows and forwards signalling for devices behind NAT (super-node). */
    RENDEZVOUS(1);

    public final int bit;

    Capability(int bit) {
        this.bit = bit;
    }

    public int mask() {
        return 1 << bit;
    }

    public static int setOf(Capability... capabilities) {
        int set = 0;
        for (Capability c : capabilities) set |= c.mask();
        return set;
    }
}
