package io.peerdial.overlay.routing;

import io.peerdial.overlay.wire.Contact;

/**
 * What {@link RoutingTable#offer} did with a contact.
 *
 * @param outcome what happened
 * @param pingCandidate when the bucket was full: its least-recently-seen contact, which the caller
 *                      should ping; {@link RoutingTable#failed} on no answer lets the newcomer in
 */
public record InsertResult(Outcome outcome, Contact pingCandidate) {

    public enum Outcome {
        /** The contact was added to its bucket. */
        ADDED,
        /** The contact was already there; it moved to the most-recently-seen end. */
        REFRESHED,
        /** The bucket is full; the contact waits in the replacement cache. */
        CACHED,
        /** Refused: too many contacts from its /24 (/64) in the bucket or table. */
        SUBNET_LIMIT,
        /** Refused: this NodeId is in the table with another address (not replaced silently). */
        ADDRESS_CONFLICT,
        /** Refused: our own NodeId. */
        SELF
    }

    static final InsertResult ADDED = new InsertResult(Outcome.ADDED, null);
    static final InsertResult REFRESHED = new InsertResult(Outcome.REFRESHED, null);
    static final InsertResult SUBNET_LIMIT = new InsertResult(Outcome.SUBNET_LIMIT, null);
    static final InsertResult ADDRESS_CONFLICT = new InsertResult(Outcome.ADDRESS_CONFLICT, null);
    static final InsertResult SELF = new InsertResult(Outcome.SELF, null);
}
