package io.peerdial.overlay.stun;

import java.net.InetSocketAddress;

/** XOR-MAPPED-ADDRESS: the reflexive transport address, XOR-ed so that NATs rewriting addresses in payloads leave it alone (RFC 8489 §14.2). */
public record XorMappedAddress(InetSocketAddress address) implements StunAttribute {

    public XorMappedAddress {
        StunAddresses.check(address);
    }

    static XorMappedAddress decode(byte[] value, TransactionId transactionId) throws StunException {
        return new XorMappedAddress(StunAddresses.decodeXor(value, transactionId));
    }

    @Override
    public int type() {
        return StunAttributeTypes.XOR_MAPPED_ADDRESS;
    }

    @Override
    public byte[] encodeValue(TransactionId transactionId) {
        return StunAddresses.encodeXor(address, transactionId);
    }
}
