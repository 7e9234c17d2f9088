package io.peerdial.relay.turn;

import io.peerdial.overlay.stun.StunAddresses;
import io.peerdial.overlay.stun.StunAttribute;
import io.peerdial.overlay.stun.StunException;
import io.peerdial.overlay.stun.TransactionId;
import java.net.InetSocketAddress;

/** XOR-PEER-ADDRESS (RFC 8656 §18.3): a peer's address, XOR-ed like XOR-MAPPED-ADDRESS (RFC 8489 §14.2). */
public record XorPeerAddress(InetSocketAddress address) implements StunAttribute {

    public XorPeerAddress {
        TurnAddresses.check(address);
    }

    public static XorPeerAddress decode(byte[] value, TransactionId transactionId) throws StunException {
        return new XorPeerAddress(StunAddresses.decodeXor(value, transactionId));
    }

    @Override
    public int type() {
        return TurnAttributeTypes.XOR_PEER_ADDRESS;
    }

    @Override
    public byte[] encodeValue(TransactionId transactionId) {
        return StunAddresses.encodeXor(address, transactionId);
    }
}
