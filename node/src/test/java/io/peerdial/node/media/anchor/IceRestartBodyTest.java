package io.peerdial.node.media.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.node.media.anchor.IceRestartException.Reason;
import io.peerdial.node.media.ice.CandidateKind;
import io.peerdial.node.media.ice.IceCandidateAttribute;
import io.peerdial.node.media.ice.IceDescription;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/MEDIA.md "Relay failover": the restart body, a vector both ways, authentication and typed refusals. */
class IceRestartBodyTest {

    private static final IceDescription DESCRIPTION = new IceDescription("8hhY", "asd88fgpdd777uzjYhagZg",
            List.of(new IceCandidateAttribute("1", 1, "UDP", 2130706431L, "10.0.1.1", 8998, CandidateKind.HOST)), true);
    private static final String KEY = "receiverCurrentPwd0123456789";
    private static final String SIGNED = "a=x-peerdial-call-id:abc@host\r\n"
            + "a=ice-ufrag:8hhY\r\n"
            + "a=ice-pwd:asd88fgpdd777uzjYhagZg\r\n"
            + "a=candidate:1 1 UDP 2130706431 10.0.1.1 8998 typ host\r\n"
            + "a=end-of-candidates\r\n";

    /** Independent of the codec: HMAC-SHA256 computed here from the JDK, base64url without padding. */
    private static String expectedMac(String key, String signed) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void encodesTheVector() throws Exception {
        String body = new String(IceRestartBody.encode("abc@host", DESCRIPTION, KEY), StandardCharsets.UTF_8);
        assertThat(body).isEqualTo(SIGNED + "a=x-peerdial-auth:" + expectedMac(KEY, SIGNED) + "\r\n");
    }

    @Test
    void decodesTheVectorAndAuthenticatesOnlyUnderItsKey() throws Exception {
        byte[] body = (SIGNED + "a=x-peerdial-auth:" + expectedMac(KEY, SIGNED) + "\r\n").getBytes(StandardCharsets.UTF_8);
        IceRestartBody.Message m = IceRestartBody.decode(body);
        assertThat(m.callId()).isEqualTo("abc@host");
        assertThat(m.description()).isEqualTo(DESCRIPTION);
        assertThat(m.authenticatedBy(KEY)).isTrue();
        assertThat(m.authenticatedBy("anotherPasswordOfTheCall")).isFalse();
    }

    @Test
    void acceptsBareLineFeeds() throws Exception {
        String lf = SIGNED.replace("\r\n", "\n");
        IceRestartBody.Message m = IceRestartBody.decode((lf + "a=x-peerdial-auth:" + expectedMac(KEY, lf) + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(m.authenticatedBy(KEY)).isTrue();
        assertThat(m.description()).isEqualTo(DESCRIPTION);
    }

    @Test
    void anyChangedByteBreaksTheAuthentication() throws Exception {
        String tampered = SIGNED.replace("8998", "8999");
        byte[] body = (tampered + "a=x-peerdial-auth:" + expectedMac(KEY, SIGNED) + "\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(IceRestartBody.decode(body).authenticatedBy(KEY)).isFalse();
    }

    @Test
    void refusesBadBodiesWithAReason() throws Exception {
        String mac = "a=x-peerdial-auth:" + expectedMac(KEY, SIGNED) + "\r\n";
        assertRefused(SIGNED, Reason.BAD_AUTH); // no auth line
        assertRefused(SIGNED + mac + "a=ice-ufrag:zzzz\r\n", Reason.BAD_AUTH); // auth not last
        assertRefused(SIGNED + "a=x-peerdial-auth:short\r\n", Reason.BAD_AUTH);
        assertRefused(SIGNED.replace("a=x-peerdial-call-id:abc@host\r\n", "") + mac, Reason.BAD_CALL_ID);
        assertRefused("a=x-peerdial-call-id:a b\r\n" + mac, Reason.BAD_CALL_ID);
        assertRefused("a=x-peerdial-call-id:x\r\n" + SIGNED + mac, Reason.DUPLICATE);
        assertRefused(SIGNED.replace("a=ice-pwd:asd88fgpdd777uzjYhagZg\r\n", "") + mac, Reason.BAD_ICE);
        assertRefused("v=0\r\n" + SIGNED + mac, Reason.MALFORMED_LINE);
        assertRefused("\r\n" + SIGNED + mac, Reason.MALFORMED_LINE);
        assertRefused("a=" + "x".repeat(IceRestartBody.MAX_BYTES) + "\r\n", Reason.TOO_LARGE);
        assertThatThrownBy(() -> IceRestartBody.decode(HexFormat.of().parseHex("613dff")))
                .isInstanceOfSatisfying(IceRestartException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_LINE));
    }

    @Test
    void refusesToEncodeWhatIsNotACallId() {
        assertThatThrownBy(() -> IceRestartBody.encode("two words", DESCRIPTION, KEY)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRefused(String body, Reason reason) {
        assertThatThrownBy(() -> IceRestartBody.decode(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(IceRestartException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
