package io.peerdial.p2p.signal;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.node.media.ice.IceSdpAttributes;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.p2p.signal.SignalException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The identity proof one P2P endpoint puts in its session description: SDP attribute
 * {@code a=x-peerdial-p2p:1 KEYHEX TS SIG} where KEYHEX is its user key (Ed25519, 64 hex), TS milliseconds
 * since the epoch and SIG the base64url (no padding) Ed25519 signature over the UTF-8 bytes of
 *
 * <pre>
 * peerdial-p2p-v1 \n offer|answer \n signer AOR \n peer AOR \n Call-ID \n TS \n ICE attribute lines (name:value\n each)
 * </pre>
 *
 * Signing the ICE credentials and candidates binds the ICE session to the identity: whoever completes the
 * checks with those credentials talks to the key's holder (as a DTLS fingerprint does in WebRTC). A
 * self-certifying AOR ({@code name@FINGERPRINT.peerdial}) must be certified by the key; any other AOR is
 * accepted with the key reported (trust-on-first-use is the application's business).
 */
public final class IdentityProof {

    public static final String ATTRIBUTE = "x-peerdial-p2p";
    static final String VERSION = "1";
    /** A proof older or newer than this (ms) is refused (replays of an old offer, badly wrong clocks). */
    public static final long WINDOW_MILLIS = 5 * 60_000;
    private static final int MAX_VALUE = 300;

    /** A verified proof: the signer's user key. */
    public record Verified(byte[] userKey, String fingerprint) {
    }

    private IdentityProof() {
    }

    /** The attribute value proving that {@code key} holds {@code signer}'s identity for this session. */
    public static String sign(NodeKeyPair key, boolean offer, String signer, String peer, String callId, long now,
            List<IceSdpAttributes.Attribute> ice) {
        byte[] sig = key.sign(canonical(offer, signer, peer, callId, now, ice));
        return VERSION + " " + HexFormat.of().formatHex(key.publicKey()) + " " + now + " "
                + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    }

    /** Verifies {@code value} as {@code signer}'s proof; {@code now} for the time window. */
    public static Verified verify(String value, boolean offer, String signer, String peer, String callId, long now,
            List<IceSdpAttributes.Attribute> ice) throws SignalException {
        if (value == null || value.length() > MAX_VALUE) {
            throw new SignalException(Reason.NO_PROOF, "missing or longer than " + MAX_VALUE);
        }
        String[] f = value.split(" ", -1);
        if (f.length != 4 || !f[0].equals(VERSION)) {
            throw new SignalException(Reason.NO_PROOF, "not 'version key ts sig'");
        }
        byte[] key;
        long ts;
        byte[] sig;
        try {
            key = HexFormat.of().parseHex(f[1]);
            ts = Long.parseLong(f[2]);
            sig = Base64.getUrlDecoder().decode(f[3]);
        } catch (IllegalArgumentException e) {
            throw new SignalException(Reason.NO_PROOF, "malformed field: " + e.getMessage());
        }
        if (key.length != NodeKeyPair.PUBLIC_KEY_BYTES || sig.length != NodeKeyPair.SIGNATURE_BYTES) {
            throw new SignalException(Reason.NO_PROOF, "key or signature of the wrong size");
        }
        OwnerKey owner = OwnerKey.of(key);
        Aor aor;
        try {
            aor = Aor.parse(signer);
        } catch (IllegalArgumentException e) {
            throw new SignalException(Reason.KEY_MISMATCH, "not an AOR: " + e.getMessage());
        }
        if (aor.selfCertifyingFingerprint().isPresent() && !aor.isCertifiedBy(owner)) {
            throw new SignalException(Reason.KEY_MISMATCH, signer + " is not certified by key " + owner.fingerprint());
        }
        if (Math.abs(now - ts) > WINDOW_MILLIS) {
            throw new SignalException(Reason.STALE, "proof time " + ts + " is " + (now - ts) + " ms from ours");
        }
        if (!NodeKeyPair.verify(key, canonical(offer, signer, peer, callId, ts, ice), sig)) {
            throw new SignalException(Reason.BAD_SIGNATURE, "signature of " + signer + " does not verify");
        }
        return new Verified(key, owner.fingerprint());
    }

    static byte[] canonical(boolean offer, String signer, String peer, String callId, long ts,
            List<IceSdpAttributes.Attribute> ice) {
        StringBuilder b = new StringBuilder("peerdial-p2p-v1\n").append(offer ? "offer" : "answer").append('\n')
                .append(signer).append('\n').append(peer).append('\n').append(callId).append('\n').append(ts).append('\n');
        for (IceSdpAttributes.Attribute a : ice) {
            b.append(a.name()).append(':').append(a.value() == null ? "" : a.value()).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
