package io.peerdial.overlay.routing;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.wire.Contact;

/**
 * A contact in the table plus what the table learned about it: when it was last heard from, how
 * many requests in a row it missed, and its round-trip time estimate (RFC 6298 §2: SRTT and
 * RTTVAR). An immutable snapshot: the table itself keeps these fields in its buckets' arrays
 * ({@link Bucket}), with no object per entry; the {@link Contact} inside is shared and immutable.
 */
public final class RoutingEntry {

    /** {@link #subnetOf} value of addresses exempt from the subnet limits. */
    static final long NO_SUBNET = Long.MIN_VALUE;

    private final Contact contact;
    private final long lastSeen;
    private final int failures;
    /** NaN: no round trip measured yet. */
    private final float srtt;
    private final float rttvar;

    RoutingEntry(Contact contact, long lastSeen, int failures, float srtt, float rttvar) {
        this.contact = contact;
        this.lastSeen = lastSeen;
        this.failures = failures;
        this.srtt = srtt;
        this.rttvar = rttvar;
    }

    /** The subnet key of {@code c}'s address (kept by the bucket, not here: see RoutingTable's Bucket). */
    static long subnetOf(Contact c) {
        Long s = SubnetKey.of(c.address());
        return s == null ? NO_SUBNET : s;
    }

    /** The first 32 bits of {@code id}, big-endian (the part that decides almost every XOR comparison). */
    static int high32(NodeId id) {
        return (int) (high64(id) >>> 32);
    }

    /** The first 64 bits of {@code id}, big-endian (the part that decides almost every XOR comparison). */
    static long high64(NodeId id) {
        return id.high64();
    }

    public Contact contact() {
        return contact;
    }

    /** Time of the last message received from this contact. */
    public long lastSeen() {
        return lastSeen;
    }

    /** Requests in a row this contact did not answer. */
    public int failures() {
        return failures;
    }

    /** SRTT in milliseconds, or -1 before the first sample. */
    public double smoothedRtt() {
        return Float.isNaN(srtt) ? -1 : srtt;
    }

    /** RTTVAR in milliseconds, or -1 before the first sample. */
    public double rttVariation() {
        return Float.isNaN(srtt) ? -1 : rttvar;
    }
}
