package io.peerdial.overlay.wire;

import static io.peerdial.overlay.wire.WireFixtures.address;
import static io.peerdial.overlay.wire.WireFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContactListTest {

    private static final Contact A = new Contact(id(1), address("192.0.2.1", 4000));
    private static final Contact B = new Contact(id(2), address("192.0.2.2", 4000));
    private static final Contact C = new Contact(id(3), address("2001:db8::3", 4000));

    @Test
    void isTheFirstSizeContactsAndEqualToAnyListOfThem() {
        List<Contact> l = ContactList.adopt(new Contact[] {A, B, C, null}, 3);
        assertThat(l).containsExactly(A, B, C);
        assertThat(l).isEqualTo(List.of(A, B, C)).hasSameHashCodeAs(List.of(A, B, C));
        assertThat(List.of(A, B, C)).isEqualTo(l);
        assertThat(l).isNotEqualTo(List.of(A, B));
        assertThat(l).hasToString(List.of(A, B, C).toString());
        assertThat(ContactList.adopt(new Contact[2], 0)).isEmpty();
    }

    @Test
    void cannotBeChangedNorReadPastItsSize() {
        List<Contact> l = ContactList.adopt(new Contact[] {A, B, null}, 2);
        assertThatThrownBy(() -> l.add(C)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> l.set(0, C)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> l.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> l.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> l.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void refusesNullsAndSizesBeyondTheArrayAsListCopyOfWould() {
        assertThatThrownBy(() -> ContactList.adopt(new Contact[] {A, null}, 2)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ContactList.adopt(new Contact[] {A}, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void recordsKeepItAsItIsAndCopyAnyOtherList() {
        List<Contact> adopted = ContactList.adopt(new Contact[] {A, B}, 2);
        assertThat(new Nodes(WireFixtures.HEADER, WireFixtures.OBSERVED_V4, 7, adopted).contacts()).isSameAs(adopted);

        List<Contact> mutable = new ArrayList<>(List.of(A, B));
        List<Contact> kept = new Nodes(WireFixtures.HEADER, WireFixtures.OBSERVED_V4, 7, mutable).contacts();
        mutable.add(C);
        assertThat(kept).containsExactly(A, B); // a copy, as before
        assertThatThrownBy(() -> kept.add(C)).isInstanceOf(UnsupportedOperationException.class);
    }
}
