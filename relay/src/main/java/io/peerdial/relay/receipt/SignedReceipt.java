package io.peerdial.relay.receipt;

import java.util.Arrays;
import java.util.Objects;

/** A {@link Receipt} with the client's Ed25519 signature over its canonical encoding ({@link ReceiptCodec}). */
public record SignedReceipt(Receipt receipt, byte[] signature) {

    public SignedReceipt {
        Objects.requireNonNull(receipt, "receipt");
        if (signature.length != 64) {
            throw new IllegalArgumentException("an Ed25519 signature is 64 bytes");
        }
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedReceipt s && s.receipt.equals(receipt) && Arrays.equals(s.signature, signature);
    }

    @Override
    public int hashCode() {
        return receipt.hashCode() * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "SignedReceipt" + receipt;
    }
}
