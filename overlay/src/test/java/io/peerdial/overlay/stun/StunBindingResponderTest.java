package io.peerdial.overlay.stun;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.stun.StunBindingResult.Outcome;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StunBindingResponderTest {
    private static final StunBindingResponder RESPONDER = new StunBindingResponder();
    private static final TransactionId TID = TransactionId.random(new SplittableRandom(42));

    @Test
    void answersWithTheSendersAddress() throws Exception {
        InetSocketAddress from = new InetSocketAddress(InetAddress.getByName("203.0.113.7"), 40123);
        byte[] request = StunEncoder.standard().encode(StunMessage.of(StunClass.REQUEST, StunMethods.BINDING, TID));

        StunBindingResult result = RESPONDER.respond(from, request);

        assertThat(result.outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(StunFingerprint.check(result.response())).isTrue();
        StunMessage response = StunDecoder.standard().decode(result.response());
        assertThat(response.type()).isEqualTo(StunMessageType.of(StunClass.SUCCESS_RESPONSE, StunMethods.BINDING));
        assertThat(response.transactionId()).isEqualTo(TID);
        assertThat(response.attributes()).containsExactly(
                new XorMappedAddress(from), new Software("peerdial"), response.first(Fingerprint.class).orElseThrow());
        assertThat(result.response()).hasSize(52);
    }

    @Test
    void answersIpv6Senders() throws Exception {
        InetSocketAddress from = new InetSocketAddress(InetAddress.getByName("2001:db8::42"), 5);
        byte[] request = StunFingerprint.append(StunEncoder.standard().encode(
                StunMessage.of(StunClass.REQUEST, StunMethods.BINDING, TID, new Software("client"))));

        StunBindingResult result = RESPONDER.respond(from, request);

        assertThat(result.outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(StunDecoder.standard().decode(result.response()).first(XorMappedAddress.class))
                .contains(new XorMappedAddress(from));
    }

    @Test
    void ignoresIntegrityAndAnswersOptionalUnknowns() throws Exception {
        // RFC 5769 §2.4: authenticated request; this server has no credentials and just answers.
        InetSocketAddress from = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 1);
        assertThat(RESPONDER.respond(from, Rfc5769.LONG_TERM_REQUEST).outcome()).isEqualTo(Outcome.ANSWERED);
        byte[] optionalUnknown = StunEncoder.standard().encode(StunMessage.of(StunClass.REQUEST, StunMethods.BINDING, TID,
                new UnknownAttribute(0x8029, new byte[8])));
        assertThat(RESPONDER.respond(from, optionalUnknown).outcome()).isEqualTo(Outcome.ANSWERED);
    }

    @Test
    void comprehensionRequiredUnknownGets420() throws Exception {
        InetSocketAddress from = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 1);

        // RFC 5769 §2.1 carries PRIORITY (0x0024), an ICE attribute a plain STUN server does not know.
        StunBindingResult result = RESPONDER.respond(from, Rfc5769.REQUEST);

        assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN_ATTRIBUTES);
        StunMessage error = StunDecoder.standard().decode(result.response());
        assertThat(error.type()).isEqualTo(StunMessageType.of(StunClass.ERROR_RESPONSE, StunMethods.BINDING));
        assertThat(error.transactionId()).isEqualTo(Rfc5769.TRANSACTION_ID);
        assertThat(error.first(ErrorCode.class).orElseThrow().code()).isEqualTo(420);
        assertThat(error.first(UnknownAttributes.class)).contains(new UnknownAttributes(java.util.List.of(0x0024)));
        assertThat(error.first(XorMappedAddress.class)).isEmpty();
        assertThat(StunFingerprint.check(result.response())).isTrue();
    }

    @Test
    void dropsWhatItDoesNotAnswer() throws Exception {
        InetSocketAddress from = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 1);
        StunEncoder enc = StunEncoder.standard();

        assertThat(RESPONDER.respond(from, Rfc5769.IPV4_RESPONSE).outcome()).isEqualTo(Outcome.NOT_A_BINDING_REQUEST);
        assertThat(RESPONDER.respond(from, enc.encode(StunMessage.of(StunClass.REQUEST, 0x003, TID))).outcome())
                .isEqualTo(Outcome.NOT_A_BINDING_REQUEST);
        assertThat(RESPONDER.respond(from, enc.encode(StunMessage.of(StunClass.INDICATION, StunMethods.BINDING, TID))).outcome())
                .isEqualTo(Outcome.INDICATION);

        byte[] badFingerprint = Rfc5769.REQUEST.clone();
        badFingerprint[badFingerprint.length - 1] ^= 1;
        assertThat(RESPONDER.respond(from, badFingerprint).outcome()).isEqualTo(Outcome.BAD_FINGERPRINT);

        byte[] overlay = {(byte) 0xD7, 1, 2, 3};
        StunBindingResult malformed = RESPONDER.respond(from, overlay);
        assertThat(malformed.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(malformed.malformedReason()).isEqualTo(StunException.Reason.TRUNCATED);
        assertThat(malformed.hasResponse()).isFalse();
    }
}
