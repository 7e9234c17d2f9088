package io.peerdial.relay.credentials;

import io.peerdial.location.entry.OwnerKey;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.relay.wire.RelayWireException;
import io.peerdial.relay.wire.RelayWireException.Reason;
import io.peerdial.relay.wire.Signatures;
import io.peerdial.relay.wire.WireReader;
import io.peerdial.relay.wire.WireWriter;
import java.util.Arrays;

/**
 * Canonical encodings of the credential exchange, version 1 (docs/INCENTIVES.md, "TURN credentials
 * over the overlay"). Both start with version u8 = 1 and type u8 (1 request, 2 grant) and end with
 * a 64-byte Ed25519 signature over "peerdial/turn-credential-TYPE/v1" NUL ‖ everything before it.
 * <pre>
 * request: requester key (32) | relay NodeId (20) | requestedAt i64 | nonce (8) | X25519 key (32) | lifetime s u32 | sig
 * grant:   relay key (32) | requester NodeId (20) | nonce (8) | X25519 key (32) | expiresAt i64
 *          | realm (u8 len, ≤ 64 ASCII) | username (u8 len, ≤ 64 ASCII) | sealed password (u8 len, ≤ 64) | sig
 * </pre>
 */
public final class CredentialCodec {
    public static final int VERSION = 1;
    public static final int TYPE_REQUEST = 1;
    public static final int TYPE_GRANT = 2;
    public static final int MAX_TEXT = 64;
    public static final int REQUEST_LENGTH = 2 + 32 + 20 + 8 + 8 + 32 + 4 + 64;
    /** Longest grant: fixed part, three texts of {@value #MAX_TEXT} with their lengths, signature. */
    public static final int MAX_GRANT_LENGTH = 2 + 32 + 20 + 8 + 32 + 8 + 3 * (1 + MAX_TEXT) + 64;
    private static final String REQUEST_CONTEXT = "turn-credential-request/v1";
    private static final String GRANT_CONTEXT = "turn-credential-grant/v1";

    private CredentialCodec() {}

    public static CredentialRequest signRequest(NodeKeyPair requester, io.peerdial.overlay.identity.NodeId relay,
                                                long requestedAt, long nonce, byte[] ephemeralKey, long lifetimeSeconds) {
        CredentialRequest unsigned = new CredentialRequest(OwnerKey.of(requester), relay, requestedAt, nonce, ephemeralKey,
                lifetimeSeconds, new byte[64]);
        return new CredentialRequest(unsigned.requester(), relay, requestedAt, nonce, ephemeralKey, lifetimeSeconds,
                Signatures.sign(requester, REQUEST_CONTEXT, body(unsigned)));
    }

    public static CredentialGrant signGrant(NodeKeyPair relay, CredentialGrant unsigned) {
        if (!OwnerKey.of(relay).equals(unsigned.relay())) throw new IllegalArgumentException("the grant names another relay key");
        return new CredentialGrant(unsigned.relay(), unsigned.requester(), unsigned.nonce(), unsigned.ephemeralKey(),
                unsigned.expiresAt(), unsigned.realm(), unsigned.username(), unsigned.sealedPassword(),
                Signatures.sign(relay, GRANT_CONTEXT, body(unsigned)));
    }

    private static byte[] body(CredentialRequest r) {
        return new WireWriter().u8(VERSION).u8(TYPE_REQUEST).bytes(r.requester().toBytes()).nodeId(r.relay())
                .nonNegative64(r.requestedAt()).bytes(longBytes(r.nonce())).bytes(r.ephemeralKey()).u32(r.lifetimeSeconds())
                .toByteArray();
    }

    private static byte[] body(CredentialGrant g) {
        byte[] sealed = g.sealedPassword();
        return new WireWriter().u8(VERSION).u8(TYPE_GRANT).bytes(g.relay().toBytes()).nodeId(g.requester())
                .bytes(longBytes(g.nonce())).bytes(g.ephemeralKey()).nonNegative64(g.expiresAt())
                .ascii(g.realm(), MAX_TEXT).ascii(g.username(), MAX_TEXT).u8(sealed.length).bytes(sealed).toByteArray();
    }

    public static byte[] encode(CredentialRequest r) {
        return new WireWriter().bytes(body(r)).bytes(r.signature()).toByteArray();
    }

    public static byte[] encode(CredentialGrant g) {
        return new WireWriter().bytes(body(g)).bytes(g.signature()).toByteArray();
    }

    /** The type byte of a credential message (to dispatch), after checking the version. */
    public static int typeOf(byte[] in) throws RelayWireException {
        WireReader r = new WireReader(in);
        int version = r.u8("version");
        if (version != VERSION) throw new RelayWireException(Reason.UNKNOWN_VERSION, "credential message version " + version);
        int type = r.u8("type");
        if (type != TYPE_REQUEST && type != TYPE_GRANT) throw new RelayWireException(Reason.UNKNOWN_TYPE, "type " + type);
        return type;
    }

    /** Decodes a request and verifies the requester's signature. */
    public static CredentialRequest decodeRequest(byte[] in) throws RelayWireException {
        if (in.length > REQUEST_LENGTH) throw new RelayWireException(Reason.OVERSIZED, in.length + " bytes, a request is " + REQUEST_LENGTH);
        expectType(in, TYPE_REQUEST);
        WireReader r = new WireReader(in);
        r.bytes(2, "header");
        OwnerKey requester = OwnerKey.of(r.bytes(32, "requester key"));
        var relay = r.nodeId("relay");
        long at = r.nonNegative64("requestedAt");
        long nonce = toLong(r.bytes(8, "nonce"));
        byte[] eph = r.bytes(32, "ephemeral key");
        long lifetime = r.u32("lifetime");
        if (lifetime == 0) throw new RelayWireException(Reason.BAD_FIELD, "lifetime 0");
        int signedLength = r.position();
        byte[] sig = r.bytes(64, "signature");
        r.end();
        if (!Signatures.verify(requester.toBytes(), REQUEST_CONTEXT, Arrays.copyOf(in, signedLength), sig)) {
            throw new RelayWireException(Reason.BAD_SIGNATURE, "request not signed by the requester key it names");
        }
        return new CredentialRequest(requester, relay, at, nonce, eph, lifetime, sig);
    }

    /** Decodes a grant and verifies the relay's signature. */
    public static CredentialGrant decodeGrant(byte[] in) throws RelayWireException {
        if (in.length > MAX_GRANT_LENGTH) throw new RelayWireException(Reason.OVERSIZED, in.length + " bytes, a grant is at most " + MAX_GRANT_LENGTH);
        expectType(in, TYPE_GRANT);
        WireReader r = new WireReader(in);
        r.bytes(2, "header");
        OwnerKey relay = OwnerKey.of(r.bytes(32, "relay key"));
        var requester = r.nodeId("requester");
        long nonce = toLong(r.bytes(8, "nonce"));
        byte[] eph = r.bytes(32, "ephemeral key");
        long expiresAt = r.nonNegative64("expiresAt");
        String realm = r.ascii(MAX_TEXT, "realm");
        String username = r.ascii(MAX_TEXT, "username");
        int sealedLength = r.u8("sealed password length");
        if (sealedLength > MAX_TEXT) throw new RelayWireException(Reason.BAD_FIELD, "sealed password of " + sealedLength + " bytes");
        byte[] sealed = r.bytes(sealedLength, "sealed password");
        int signedLength = r.position();
        byte[] sig = r.bytes(64, "signature");
        r.end();
        if (!Signatures.verify(relay.toBytes(), GRANT_CONTEXT, Arrays.copyOf(in, signedLength), sig)) {
            throw new RelayWireException(Reason.BAD_SIGNATURE, "grant not signed by the relay key it names");
        }
        return new CredentialGrant(relay, requester, nonce, eph, expiresAt, realm, username, sealed, sig);
    }

    private static void expectType(byte[] in, int type) throws RelayWireException {
        int actual = typeOf(in);
        if (actual != type) throw new RelayWireException(Reason.UNKNOWN_TYPE, "type " + actual + ", expected " + type);
    }

    private static byte[] longBytes(long v) {
        return java.nio.ByteBuffer.allocate(8).putLong(v).array();
    }

    private static long toLong(byte[] b) {
        return java.nio.ByteBuffer.wrap(b).getLong();
    }
}
