package io.peerdial.relay.server;

import io.peerdial.overlay.stun.ErrorCode;
import io.peerdial.overlay.stun.Software;
import io.peerdial.overlay.stun.StunAttribute;
import io.peerdial.overlay.stun.StunClass;
import io.peerdial.overlay.stun.StunEncoder;
import io.peerdial.overlay.stun.StunFingerprint;
import io.peerdial.overlay.stun.StunIntegrity;
import io.peerdial.overlay.stun.StunMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes responses: attributes, SOFTWARE, then MESSAGE-INTEGRITY or MESSAGE-INTEGRITY-SHA256 with
 * the request's key when the request was authenticated (RFC 8489 §9.2.4: the response uses the
 * algorithm the request used), then FINGERPRINT (§14.7).
 */
final class Replies {
    private final Software software;

    Replies(String software) {
        this.software = new Software(software);
    }

    /** How a response is protected: no key (401/438, unauthenticated errors) or the request's key and algorithm. */
    record Protection(byte[] key, boolean sha256) {
        static final Protection NONE = new Protection(null, false);
    }

    byte[] success(StunMessage request, Protection protection, StunAttribute... attributes) {
        return encode(request, StunClass.SUCCESS_RESPONSE, protection, List.of(attributes));
    }

    byte[] error(StunMessage request, int code, String reason, Protection protection, StunAttribute... extra) {
        List<StunAttribute> attributes = new ArrayList<>(extra.length + 1);
        attributes.add(new ErrorCode(code, reason));
        attributes.addAll(List.of(extra));
        return encode(request, StunClass.ERROR_RESPONSE, protection, attributes);
    }

    /** A Data indication (RFC 8656 §10.3) with a fresh transaction ID, and FINGERPRINT. */
    byte[] dataIndication(java.util.random.RandomGenerator random, java.net.InetSocketAddress peer, byte[] payload) {
        StunMessage data = StunMessage.of(StunClass.INDICATION, io.peerdial.relay.turn.TurnMethods.DATA,
                io.peerdial.overlay.stun.TransactionId.random(random),
                new io.peerdial.relay.turn.XorPeerAddress(peer), new io.peerdial.relay.turn.Data(payload));
        return StunFingerprint.append(StunEncoder.standard().encode(data));
    }

    private byte[] encode(StunMessage request, StunClass messageClass, Protection protection, List<StunAttribute> attributes) {
        List<StunAttribute> all = new ArrayList<>(attributes);
        all.add(software);
        byte[] bytes = StunEncoder.standard().encode(new StunMessage(
                io.peerdial.overlay.stun.StunMessageType.of(messageClass, request.method()), request.transactionId(), all));
        if (protection.key() != null) {
            bytes = protection.sha256() ? StunIntegrity.appendSha256(bytes, protection.key())
                    : StunIntegrity.appendSha1(bytes, protection.key());
        }
        return StunFingerprint.append(bytes);
    }
}
