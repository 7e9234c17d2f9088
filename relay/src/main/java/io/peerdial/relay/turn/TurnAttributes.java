package io.peerdial.relay.turn;

import io.peerdial.overlay.stun.StunAttributeRegistry;
import io.peerdial.overlay.stun.StunDecoder;

/**
 * The STUN attribute registry extended with every TURN attribute of this package (RFC 8656 §18),
 * and a decoder using it. Nothing in the STUN package is edited: TURN plugs in through
 * {@link StunAttributeRegistry#with}.
 */
public final class TurnAttributes {
    private static final StunAttributeRegistry REGISTRY = StunAttributeRegistry.rfc8489()
            .with(TurnAttributeTypes.CHANNEL_NUMBER, ChannelNumber::decode)
            .with(TurnAttributeTypes.LIFETIME, Lifetime::decode)
            .with(TurnAttributeTypes.XOR_PEER_ADDRESS, XorPeerAddress::decode)
            .with(TurnAttributeTypes.DATA, Data::decode)
            .with(TurnAttributeTypes.XOR_RELAYED_ADDRESS, XorRelayedAddress::decode)
            .with(TurnAttributeTypes.REQUESTED_ADDRESS_FAMILY, RequestedAddressFamily::decode)
            .with(TurnAttributeTypes.EVEN_PORT, EvenPort::decode)
            .with(TurnAttributeTypes.REQUESTED_TRANSPORT, RequestedTransport::decode)
            .with(TurnAttributeTypes.DONT_FRAGMENT, DontFragment::decode)
            .with(TurnAttributeTypes.RESERVATION_TOKEN, ReservationToken::decode)
            .with(TurnAttributeTypes.ADDITIONAL_ADDRESS_FAMILY, AdditionalAddressFamily::decode);

    /** Largest TURN message over UDP we accept: DATA of a full 1500-byte MTU plus headroom. */
    public static final int MAX_MESSAGE_SIZE = 2048;

    private static final StunDecoder DECODER = new StunDecoder(REGISTRY, MAX_MESSAGE_SIZE);

    private TurnAttributes() {}

    public static StunAttributeRegistry registry() {
        return REGISTRY;
    }

    /** A STUN decoder that knows the TURN attributes, messages up to {@link #MAX_MESSAGE_SIZE} bytes. */
    public static StunDecoder decoder() {
        return DECODER;
    }
}
