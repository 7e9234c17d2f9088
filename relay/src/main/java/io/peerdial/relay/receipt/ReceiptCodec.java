package io.peerdial.relay.receipt;

import io.peerdial.location.entry.OwnerKey;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.relay.wire.RelayWireException;
import io.peerdial.relay.wire.RelayWireException.Reason;
import io.peerdial.relay.wire.Signatures;
import io.peerdial.relay.wire.WireReader;
import io.peerdial.relay.wire.WireWriter;
import java.util.Arrays;

/**
 * Canonical encoding of a receipt, version 1 (docs/INCENTIVES.md, "Receipt format"), fixed length
 * {@value #LENGTH} bytes:
 * <pre>
 * version u8 = 1 | relay NodeId (20) | client public key (32) | session (16)
 * | bytesToPeers i64 >= 0 | bytesToClient i64 >= 0 | issuedAt ms i64 >= 0 | Ed25519 signature (64)
 * </pre>
 * The signature covers "peerdial/receipt/v1" NUL followed by the first {@value #SIGNED_LENGTH} bytes.
 */
public final class ReceiptCodec {
    public static final int VERSION = 1;
    public static final int SIGNED_LENGTH = 1 + 20 + 32 + SessionId.BYTES + 8 + 8 + 8;
    public static final int LENGTH = SIGNED_LENGTH + NodeKeyPair.SIGNATURE_BYTES;
    static final String CONTEXT = "receipt/v1";

    private ReceiptCodec() {}

    static byte[] body(Receipt r) {
        return new WireWriter().u8(VERSION).nodeId(r.relay()).bytes(r.client().toBytes()).bytes(r.session().toBytes())
                .nonNegative64(r.bytesToPeers()).nonNegative64(r.bytesToClient()).nonNegative64(r.issuedAt())
                .toByteArray();
    }

    /** Signs {@code r} with {@code clientKey}, which must be the key the receipt names. */
    public static SignedReceipt sign(Receipt r, NodeKeyPair clientKey) {
        if (!Arrays.equals(clientKey.publicKey(), r.client().toBytes())) {
            throw new IllegalArgumentException("the receipt names another client key");
        }
        return new SignedReceipt(r, Signatures.sign(clientKey, CONTEXT, body(r)));
    }

    public static byte[] encode(SignedReceipt s) {
        return new WireWriter().bytes(body(s.receipt())).bytes(s.signature()).toByteArray();
    }

    /** Decodes and verifies the client's signature; anything else is a {@link RelayWireException}. */
    public static SignedReceipt decode(byte[] in) throws RelayWireException {
        if (in.length > LENGTH) {
            throw new RelayWireException(Reason.OVERSIZED, in.length + " bytes, a receipt is " + LENGTH);
        }
        WireReader r = new WireReader(in);
        int version = r.u8("version");
        if (version != VERSION) {
            throw new RelayWireException(Reason.UNKNOWN_VERSION, "receipt version " + version);
        }
        var relay = r.nodeId("relay");
        var client = OwnerKey.of(r.bytes(32, "client key"));
        var session = SessionId.fromBytes(r.bytes(SessionId.BYTES, "session"));
        long toPeers = r.nonNegative64("bytesToPeers");
        long toClient = r.nonNegative64("bytesToClient");
        long issuedAt = r.nonNegative64("issuedAt");
        byte[] signature = r.bytes(NodeKeyPair.SIGNATURE_BYTES, "signature");
        r.end();
        Receipt receipt = new Receipt(relay, client, session, toPeers, toClient, issuedAt);
        if (!Signatures.verify(client.toBytes(), CONTEXT, Arrays.copyOf(in, SIGNED_LENGTH), signature)) {
            throw new RelayWireException(Reason.BAD_SIGNATURE, "receipt not signed by the client key it names");
        }
        return new SignedReceipt(receipt, signature);
    }

    /** True if {@code s} carries a valid signature of its client (for receipts built in memory). */
    public static boolean verify(SignedReceipt s) {
        return Signatures.verify(s.receipt().client().toBytes(), CONTEXT, body(s.receipt()), s.signature());
    }
}
