package io.peerdial.overlay.stun;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A STUN message (RFC 8489 §5): type, transaction ID and attributes in wire order. Duplicates are
 * kept; RFC 8489 §14 says only the first occurrence matters, which is what {@link #first} returns.
 */
public record StunMessage(StunMessageType type, TransactionId transactionId, List<StunAttribute> attributes) {

    public StunMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(transactionId, "transactionId");
        attributes = List.copyOf(attributes);
    }

    public static StunMessage of(StunClass messageClass, int method, TransactionId transactionId, StunAttribute... attributes) {
        return new StunMessage(StunMessageType.of(messageClass, method), transactionId, List.of(attributes));
    }

    public StunClass messageClass() {
        return type.messageClass();
    }

    public int method() {
        return type.method();
    }

    /** The first attribute of a record class, e.g. {@code first(XorMappedAddress.class)}. */
    public <A extends StunAttribute> Optional<A> first(Class<A> kind) {
        return attributes.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    /** The first attribute with a type number, typed or {@link UnknownAttribute}. */
    public Optional<StunAttribute> first(int attributeType) {
        return attributes.stream().filter(a -> a.type() == attributeType).findFirst();
    }

    /**
     * Types in the comprehension-required range (0x0000-0x7FFF) that no decoder knew, in order and
     * without duplicates: what a 420 response lists (RFC 8489 §6.3.1).
     */
    public List<Integer> unknownComprehensionRequired() {
        return attributes.stream()
                .filter(a -> a instanceof UnknownAttribute && a.comprehensionRequired())
                .map(StunAttribute::type)
                .distinct()
                .toList();
    }
}
