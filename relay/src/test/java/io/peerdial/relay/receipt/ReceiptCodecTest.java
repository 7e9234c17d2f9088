package io.peerdial.relay.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.location.entry.OwnerKey;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.relay.wire.RelayWireException;
import io.peerdial.relay.wire.RelayWireException.Reason;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

class ReceiptCodecTest {
    static final HexFormat HEX = HexFormat.of();
    static final NodeKeyPair CLIENT = Keys.fixed(1);
    static final NodeKeyPair RELAY = Keys.fixed(2);
    static final SessionId SESSION = new SessionId(0x0102030405060708L, 0x090a0b0c0d0e0f10L);

    static Receipt receipt() {
        return new Receipt(RELAY.nodeId(), OwnerKey.of(CLIENT), SESSION, 1_000_000, 2_500_000, 1_700_000_000_000L);
    }

    /** The encoding assembled field by field from the format in ReceiptCodec's comment. */
    static String expectedBody() {
        return "01" + RELAY.nodeId().toHex() + HEX.formatHex(CLIENT.publicKey()) + "0102030405060708090a0b0c0d0e0f10"
                + "00000000000f4240" + "00000000002625a0" + "0000018bcfe56800";
    }

    @Test
    void encodesTheDocumentedLayoutWithASignatureOverTheContext() throws Exception {
        byte[] encoded = ReceiptCodec.encode(ReceiptCodec.sign(receipt(), CLIENT));
        assertThat(encoded).hasSize(ReceiptCodec.LENGTH).hasSize(157);
        assertThat(HEX.formatHex(encoded, 0, ReceiptCodec.SIGNED_LENGTH)).isEqualTo(expectedBody());
        // the signature checks with BouncyCastle directly over "peerdial/receipt/v1" NUL body
        byte[] body = Arrays.copyOf(encoded, ReceiptCodec.SIGNED_LENGTH);
        byte[] message = concat("peerdial/receipt/v1\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII), body);
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(CLIENT.publicKey(), 0));
        verifier.update(message, 0, message.length);
        assertThat(verifier.verifySignature(Arrays.copyOfRange(encoded, ReceiptCodec.SIGNED_LENGTH, encoded.length))).isTrue();
    }

    @Test
    void decodesTheVector() throws Exception {
        // Ed25519 is deterministic (RFC 8032 §5.1.6): the signature of this body under key 0x01.. is fixed
        byte[] vector = HEX.parseHex(expectedBody() + HEX.formatHex(ReceiptCodec.sign(receipt(), CLIENT).signature()));
        SignedReceipt decoded = ReceiptCodec.decode(vector);
        assertThat(decoded.receipt()).isEqualTo(receipt());
        assertThat(decoded.receipt().clientId()).isEqualTo(CLIENT.nodeId());
        assertThat(decoded.receipt().totalBytes()).isEqualTo(3_500_000);
        assertThat(ReceiptCodec.encode(decoded)).isEqualTo(vector);
    }

    @Test
    void aChangedCountBreaksTheSignature() {
        byte[] encoded = ReceiptCodec.encode(ReceiptCodec.sign(receipt(), CLIENT));
        encoded[1 + 20 + 32 + 16 + 7] ^= 1; // bytesToPeers + 1: what a relay inflating its receipt would do
        assertReason(encoded, Reason.BAD_SIGNATURE);
    }

    @Test
    void aReceiptSignedByAnotherKeyIsRefused() {
        SignedReceipt byRelay = new SignedReceipt(receipt(), ReceiptCodec.sign(
                new Receipt(RELAY.nodeId(), OwnerKey.of(RELAY), SESSION, 1_000_000, 2_500_000, 1_700_000_000_000L), RELAY).signature());
        assertThat(ReceiptCodec.verify(byRelay)).isFalse();
        assertReason(ReceiptCodec.encode(byRelay), Reason.BAD_SIGNATURE);
        assertThatThrownBy(() -> ReceiptCodec.sign(receipt(), RELAY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void structuralErrorsHaveTheirReasons() {
        byte[] good = ReceiptCodec.encode(ReceiptCodec.sign(receipt(), CLIENT));
        assertReason(new byte[0], Reason.TRUNCATED);
        assertReason(Arrays.copyOf(good, good.length - 1), Reason.TRUNCATED);
        assertReason(Arrays.copyOf(good, good.length + 1), Reason.OVERSIZED);
        byte[] v2 = good.clone();
        v2[0] = 2;
        assertReason(v2, Reason.UNKNOWN_VERSION);
        byte[] negative = good.clone();
        negative[1 + 20 + 32 + 16] = (byte) 0x80;
        assertReason(negative, Reason.BAD_FIELD);
    }

    static void assertReason(byte[] bytes, Reason reason) {
        assertThatThrownBy(() -> ReceiptCodec.decode(bytes)).isInstanceOfSatisfying(RelayWireException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
