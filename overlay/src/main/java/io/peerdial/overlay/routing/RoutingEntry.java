package io.peerdial.overlay.routing;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.wire.Contact;

/**
 * A contact in a bucket plus what the table learned about it: when it was last heard from, how
 * many requests in a row it missed, and its round-trip time estimate (RFC 6298 §2: SRTT and
 * RTTVAR, kept here rather than in a side map so a node's state stays small). Mutable, owned by
 * its bucket; the {@link Contact} inside is shared and immutable.
 */
public final class RoutingEntry {

    /** {@link #subnetOf} value of addresses exempt from the subnet limits. */
    static final long NO_SUBNET = Long.MIN_VALUE;

    private final Contact contact;

    private long lastSeen;
    private int failures;
    private float srtt;
    private float rttvar;
    private int rttSamples;

    RoutingEntry(Contact contact, long lastSeen) {
        this.contact = contact;
        this.lastSeen = lastSeen;
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

    /** Smoothed round-trip time in ms, or -1 before the first sample. */
    public double smoothedRtt() {
        return rttSamples == 0 ? -1 : srtt;
    }

    /** RTT variation in ms (RFC 6298 RTTVAR), or -1 before the first sample. */
    public double rttVariation() {
        return rttSamples == 0 ? -1 : rttvar;
    }

    /** Folds one measured round trip into the estimate (RFC 6298 §2.2–2.3, α = 1/8, β = 1/4). */
    public void sampleRtt(long rttMs) {
        if (rttSamples++ == 0) {
            srtt = rttMs;
            rttvar = rttMs / 2f;
        } else {
            rttvar = 0.75f * rttvar + 0.25f * Math.abs(srtt - rttMs);
            srtt = 0.875f * srtt + 0.125f * rttMs;
        }
    }

    void seen(long now) {
        lastSeen = now;
        failures = 0;
    }

    void failed() {
        failures++;
    }
}
