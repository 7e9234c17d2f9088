package io.peerdial.overlay.stun;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

import io.peerdial.overlay.stun.StunBindingResult.Outcome;

/**
 * The STUN server every overlay port runs (RFC 8489 §6.3): a Binding request gets a success
 * response carrying the sender's reflexive address in XOR-MAPPED-ADDRESS, plus SOFTWARE and
 * FINGERPRINT. A pure function of (sender, bytes): no state, no IO, no clock.
 *
 * <p>Unauthenticated on purpose, like public STUN servers: the answer tells the sender nothing but
 * the address it sent from, and it is small (52 bytes for IPv4, 64 for IPv6), so a spoofed request
 * gains an attacker a factor of about 2.6 at most. MESSAGE-INTEGRITY in a request is ignored: RFC
 * 8489 §9 applies only to servers that use a credential mechanism.
 */
public final class StunBindingResponder {
    public static final String DEFAULT_SOFTWARE = "peerdial";

    private final StunDecoder decoder;
    private final Software software;

    public StunBindingResponder() {
        this(StunDecoder.standard(), DEFAULT_SOFTWARE);
    }

    public StunBindingResponder(StunDecoder decoder, String software) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.software = new Software(software);
    }

    /** Decides what to send back to {@code from}; never throws because of {@code bytes}. */
    public StunBindingResult respond(InetSocketAddress from, byte[] bytes) {
        Objects.requireNonNull(from, "from");
        StunMessage request;
        try {
            request = decoder.decode(bytes);
        } catch (StunException e) {
            return StunBindingResult.malformed(e.reason());
        }
        if (request.first(StunAttributeTypes.FINGERPRINT).isPresent() && !StunFingerprint.check(bytes)) {
            return StunBindingResult.drop(Outcome.BAD_FINGERPRINT);
        }
        if (request.type().is(StunClass.INDICATION, StunMethods.BINDING)) {
            return StunBindingResult.drop(Outcome.INDICATION);
        }
        if (!request.type().is(StunClass.REQUEST, StunMethods.BINDING)) {
            return StunBindingResult.drop(Outcome.NOT_A_BINDING_REQUEST);
        }
        List<Integer> unknown = request.unknownComprehensionRequired();
        if (!unknown.isEmpty()) { // RFC 8489 §6.3.1
            StunMessage error = StunMessage.of(StunClass.ERROR_RESPONSE, StunMethods.BINDING, request.transactionId(),
                    new ErrorCode(ErrorCode.UNKNOWN_ATTRIBUTE, "Unknown Attribute"),
                    new UnknownAttributes(unknown),
                    software);
            return StunBindingResult.reply(Outcome.UNKNOWN_ATTRIBUTES, encode(error));
        }
        StunMessage success = StunMessage.of(StunClass.SUCCESS_RESPONSE, StunMethods.BINDING, request.transactionId(),
                new XorMappedAddress(from), // RFC 8489 §6.3.1.1: the source transport address of the request
                software);
        return StunBindingResult.reply(Outcome.ANSWERED, encode(success));
    }

    private static byte[] encode(StunMessage message) {
        return StunFingerprint.append(StunEncoder.standard().encode(message));
    }
}
