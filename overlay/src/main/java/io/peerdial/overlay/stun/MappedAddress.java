package io.peerdial.overlay.stun;

import java.net.InetSocketAddress;

/** MAPPED-ADDRESS, kept for RFC 3489 clients; answers use XOR-MAPPED-ADDRESS (RFC 8489 §14.1). */
public record MappedAddress(InetSocketAddress address) implements StunAttribute {

    public MappedAddress {
        StunAddresses.check(address);
    }

    static MappedAddress decode(byte[] value, TransactionId transactionId) throws StunException {
        return new MappedAddress(StunAddresses.decode(value));
    }

    @Override
    public int type() {
        return StunAttributeTypes.MAPPED_ADDRESS;
    }

    @Override
    public byte[] encodeValue(TransactionId transactionId) {
        return StunAddresses.encode(address);
    }
}
