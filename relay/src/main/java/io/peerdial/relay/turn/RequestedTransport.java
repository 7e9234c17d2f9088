package io.peerdial.relay.turn;

import io.peerdial.overlay.stun.StunAttribute;
import io.peerdial.overlay.stun.StunException;
import io.peerdial.overlay.stun.TransactionId;

/**
 * REQUESTED-TRANSPORT (RFC 8656 §18.8): the IP protocol number of the relayed transport and 24
 * RFFU bits. Any protocol decodes; the server answers 442 for anything but UDP (§7.2).
 */
public record RequestedTransport(int protocol) implements StunAttribute {
    /** IANA protocol number of UDP, the only one RFC 8656 relays. */
    public static final int UDP = 17;

    public RequestedTransport {
        if (protocol < 0 || protocol > 0xFF) {
            throw new IllegalArgumentException("protocol is 8 bits: " + protocol);
        }
    }

    public static RequestedTransport decode(byte[] value, TransactionId transactionId) throws StunException {
        TurnValues.requireLength("REQUESTED-TRANSPORT", value, 4);
        return new RequestedTransport(value[0] & 0xFF);
    }

    @Override
    public int type() {
        return TurnAttributeTypes.REQUESTED_TRANSPORT;
    }

    @Override
    public byte[] encodeValue(TransactionId transactionId) {
        return new byte[] {(byte) protocol, 0, 0, 0};
    }
}
