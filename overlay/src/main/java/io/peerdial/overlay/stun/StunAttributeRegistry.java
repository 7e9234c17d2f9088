package io.peerdial.overlay.stun;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which attribute types a decoder turns into typed records. Immutable; {@link #with} returns a
 * larger copy, so {@code relay} adds the TURN attributes (RFC 8656 §18) without touching this
 * package:
 *
 * <pre>{@code
 * StunAttributeRegistry turn = StunAttributeRegistry.rfc8489()
 *         .with(0x000D, Lifetime::decode)
 *         .with(0x0012, XorPeerAddress::decode);
 * }</pre>
 *
 * Types without a decoder become {@link UnknownAttribute}.
 */
public final class StunAttributeRegistry {
    private static final StunAttributeRegistry RFC8489 = new StunAttributeRegistry(Map.ofEntries(
            Map.entry(StunAttributeTypes.MAPPED_ADDRESS, MappedAddress::decode),
            Map.entry(StunAttributeTypes.USERNAME, Username::decode),
            Map.entry(StunAttributeTypes.MESSAGE_INTEGRITY, MessageIntegrity::decode),
            Map.entry(StunAttributeTypes.ERROR_CODE, ErrorCode::decode),
            Map.entry(StunAttributeTypes.UNKNOWN_ATTRIBUTES, UnknownAttributes::decode),
            Map.entry(StunAttributeTypes.REALM, Realm::decode),
            Map.entry(StunAttributeTypes.NONCE, Nonce::decode),
            Map.entry(StunAttributeTypes.MESSAGE_INTEGRITY_SHA256, MessageIntegritySha256::decode),
            Map.entry(StunAttributeTypes.XOR_MAPPED_ADDRESS, XorMappedAddress::decode),
            Map.entry(StunAttributeTypes.SOFTWARE, Software::decode),
            Map.entry(StunAttributeTypes.FINGERPRINT, Fingerprint::decode)));

    private final Map<Integer, StunAttributeDecoder> decoders;

    private StunAttributeRegistry(Map<Integer, StunAttributeDecoder> decoders) {
        this.decoders = Map.copyOf(decoders);
    }

    /** The attributes of RFC 8489 this package implements. */
    public static StunAttributeRegistry rfc8489() {
        return RFC8489;
    }

    /** A copy that also decodes {@code type}; a type registered already is an error. */
    public StunAttributeRegistry with(int type, StunAttributeDecoder decoder) {
        Objects.requireNonNull(decoder, "decoder");
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("attribute type is 16 bits: " + type);
        }
        if (decoders.containsKey(type)) {
            throw new IllegalArgumentException(String.format("attribute type 0x%04X is registered already", type));
        }
        Map<Integer, StunAttributeDecoder> copy = new HashMap<>(decoders);
        copy.put(type, decoder);
        return new StunAttributeRegistry(copy);
    }

    public boolean knows(int type) {
        return decoders.containsKey(type);
    }

    StunAttribute decode(int type, byte[] value, TransactionId transactionId) throws StunException {
        StunAttributeDecoder decoder = decoders.get(type);
        if (decoder == null) {
            return new UnknownAttribute(type, value);
        }
        StunAttribute attribute;
        try {
            attribute = decoder.decode(value, transactionId);
        } catch (IllegalArgumentException e) { // a record constructor refused the value
            throw new StunException(StunException.Reason.BAD_ATTRIBUTE,
                    String.format("0x%04X: %s", type, e.getMessage()));
        }
        if (attribute == null || attribute.type() != type) {
            throw new IllegalStateException(String.format("decoder for 0x%04X returned %s", type, attribute));
        }
        return attribute;
    }
}
