package io.peerdial.overlay.routing;

import io.peerdial.overlay.wire.Contact;

/**
 * A contact in a bucket plus what the table learned about it. Mutable, owned by its bucket; the
 * {@link Contact} inside is shared and immutable.
 */
public final class RoutingEntry {

    private final Contact contact;
    private long lastSeen;
    private int failures;

    RoutingEntry(Contact contact, long lastSeen) {
        this.contact = contact;
        this.lastSeen = lastSeen;
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

    void seen(long now) {
        lastSeen = now;
        failures = 0;
    }

    void failed() {
        failures++;
    }
}
