package io.peerdial.overlay.wire;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An immutable list of contacts over an array nobody else holds: what {@link Nodes} and
 * {@link Values} keep, so that the lists the decoder and the routing table build go into the
 * records as they are. {@code List.copyOf} keeps only the JDK's own immutable lists, and
 * {@code List.of(array)} copies the array: every NODES answer, sent or received, cost one to
 * three copies of its contact array that were garbage at once (in the simulator, a few percent of
 * all bytes allocated). A {@code List} in every other respect: equal to any list with the same
 * contacts in the same order, with the same hash code; mutators throw.
 */
public final class ContactList extends AbstractList<Contact> implements RandomAccess {

    private static final ContactList EMPTY = new ContactList(new Contact[0], 0);

    private final Contact[] contacts;
    private final int size;

    private ContactList(Contact[] contacts, int size) {
        this.contacts = contacts;
        this.size = size;
    }

    /**
     * The first {@code size} contacts of {@code owned} as a list, without a copy: the caller hands
     * the array over and must neither change nor keep it.
     *
     * @throws NullPointerException if one of them is null (as {@code List.copyOf})
     */
    public static List<Contact> adopt(Contact[] owned, int size) {
        Objects.checkFromIndexSize(0, size, owned.length);
        if (size == 0) return EMPTY;
        for (int i = 0; i < size; i++) Objects.requireNonNull(owned[i], "contact");
        return new ContactList(owned, size);
    }

    /** {@code contacts} itself if it is a ContactList, else an immutable copy ({@code List.copyOf}). */
    static List<Contact> copyOf(List<Contact> contacts) {
        return contacts instanceof ContactList ? contacts : List.copyOf(contacts);
    }

    @Override
    public Contact get(int index) {
        Objects.checkIndex(index, size);
        return contacts[index];
    }

    @Override
    public int size() {
        return size;
    }
}
