package io.peerdial.relay.advert;

import io.peerdial.location.entry.OwnerKey;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.relay.wire.RelayWireException;
import io.peerdial.relay.wire.RelayWireException.Reason;
import io.peerdial.relay.wire.Signatures;
import io.peerdial.relay.wire.WireReader;
import io.peerdial.relay.wire.WireWriter;
import java.util.Arrays;

/**
 * Canonical encoding of a relay advert, version 1:
 * <pre>
 * version u8 = 1 | relay key (32) | TURN address (family u8 4|6, 4|16 bytes, port u16) | flags u8 (bit 0: TCP)
 * | sessionsLeft u32 | bytesPerSecondLeft i64 >= 0 | load permille u16 (0-1000) | region (u8 len, ≤ 32 ASCII)
 * | issuedAt i64 | Ed25519 signature (64) over "peerdial/relay-advert/v1" NUL ‖ the bytes before it
 * </pre>
 * At most {@value #MAX_LENGTH} bytes: it fits a DHT map value (800).
 */
public final class AdvertCodec {
    public static final int VERSION = 1;
    public static final int MAX_REGION = 32;
    public static final int MAX_LENGTH = 1 + 32 + 19 + 1 + 4 + 8 + 2 + 1 + MAX_REGION + 8 + 64;
    private static final String CONTEXT = "relay-advert/v1";

    private AdvertCodec() {}

    private static byte[] body(RelayAdvert a) {
        return new WireWriter().u8(VERSION).bytes(a.relay().toBytes()).address(a.turn()).u8(a.tcp() ? 1 : 0)
                .u32(a.sessionsLeft()).nonNegative64(a.bytesPerSecondLeft()).u16(a.loadPermille()).ascii(a.region(), MAX_REGION)
                .nonNegative64(a.issuedAt()).toByteArray();
    }

    public static SignedAdvert sign(RelayAdvert a, NodeKeyPair relayKey) {
        if (!OwnerKey.of(relayKey).equals(a.relay())) throw new IllegalArgumentException("the advert names another relay key");
        return new SignedAdvert(a, Signatures.sign(relayKey, CONTEXT, body(a)));
    }

    public static byte[] encode(SignedAdvert s) {
        return new WireWriter().bytes(body(s.advert())).bytes(s.signature()).toByteArray();
    }

    /** Decodes and verifies the relay's signature. */
    public static SignedAdvert decode(byte[] in) throws RelayWireException {
        if (in.length > MAX_LENGTH) throw new RelayWireException(Reason.OVERSIZED, in.length + " bytes, an advert is at most " + MAX_LENGTH);
        WireReader r = new WireReader(in);
        int version = r.u8("version");
        if (version != VERSION) throw new RelayWireException(Reason.UNKNOWN_VERSION, "advert version " + version);
        OwnerKey relay = OwnerKey.of(r.bytes(32, "relay key"));
        var turn = r.address("TURN address");
        int flags = r.u8("flags");
        if ((flags & ~1) != 0) throw new RelayWireException(Reason.BAD_FIELD, "unknown flags " + flags);
        long sessions = r.u32("sessionsLeft");
        long bandwidth = r.nonNegative64("bytesPerSecondLeft");
        int load = r.u16("load");
        if (load > 1000) throw new RelayWireException(Reason.BAD_FIELD, "load " + load + " permille");
        String region = r.ascii(MAX_REGION, "region");
        long issuedAt = r.nonNegative64("issuedAt");
        int signedLength = r.position();
        byte[] sig = r.bytes(64, "signature");
        r.end();
        if (!Signatures.verify(relay.toBytes(), CONTEXT, Arrays.copyOf(in, signedLength), sig)) {
            throw new RelayWireException(Reason.BAD_SIGNATURE, "advert not signed by the relay key it names");
        }
        return new SignedAdvert(new RelayAdvert(relay, turn, (flags & 1) != 0, sessions, bandwidth, load, region, issuedAt), sig);
    }
}
