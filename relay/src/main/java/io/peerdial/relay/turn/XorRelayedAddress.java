package io.peerdial.relay.turn;

import io.peerdial.overlay.stun.StunAddresses;
import io.peerdial.overlay.stun.StunAttribute;
import io.peerdial.overlay.stun.StunException;
import io.peerdial.overlay.stun.TransactionId;
import java.net.InetSocketAddress;

/** XOR-RELAYED-ADDRESS (RFC 8656 §18.5): the address the server allocated, XOR-ed (RFC 8489 §14.2). */
public record XorRelayedAddress(InetSocketAddress address) implements StunAttribute {

    public XorRelayedAddress {
        TurnAddresses.check(address);
    }

    public static XorRelayedAddress decode(byte[] value, TransactionId transactionId) throws StunException {
        return new XorRelayedAddress(StunAddresses.decodeXor(value, transactionId));
    }

    @Override
    public int type() {
        return TurnAttributeTypes.XOR_RELAYED_ADDRESS;
    }

    @Override
    public byte[] encodeValue(TransactionId transactionId) {
        return StunAddresses.encodeXor(address, transactionId);
    }
}
