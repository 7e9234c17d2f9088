package io.peerdial.relay.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.stun.ErrorCode;
import io.peerdial.overlay.stun.Fingerprint;
import io.peerdial.overlay.stun.MessageIntegrity;
import io.peerdial.overlay.stun.Nonce;
import io.peerdial.overlay.stun.Realm;
import io.peerdial.overlay.stun.Software;
import io.peerdial.overlay.stun.StunAttribute;
import io.peerdial.overlay.stun.StunClass;
import io.peerdial.overlay.stun.StunEncoder;
import io.peerdial.overlay.stun.StunException;
import io.peerdial.overlay.stun.StunFingerprint;
import io.peerdial.overlay.stun.StunIntegrity;
import io.peerdial.overlay.stun.StunMessage;
import io.peerdial.overlay.stun.Username;
import io.peerdial.overlay.stun.XorMappedAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TURN messages of a real coturn 4.6.1 session (turnutils_uclient against turnserver), both ways:
 * decode and check every field, HMAC and CRC; then build the same attributes with our records,
 * append MESSAGE-INTEGRITY and FINGERPRINT, and get the captured bytes back exactly.
 */
class TurnVectorsTest {
    private static final byte[] KEY = StunIntegrity.longTermKey(CoturnVectors.USER, CoturnVectors.REALM, CoturnVectors.PASSWORD);
    private static final InetSocketAddress LOCALHOST_PEER = new InetSocketAddress("127.0.0.1", 3480);

    private static StunMessage decode(String name) throws StunException {
        return TurnAttributes.decoder().decode(CoturnVectors.get(name));
    }

    /** Encodes {@code m} without its MI/FINGERPRINT records, then appends them computed with {@link #KEY}. */
    private static byte[] rebuild(StunMessage m) {
        List<StunAttribute> body = m.attributes().stream()
                .filter(a -> !(a instanceof MessageIntegrity) && !(a instanceof Fingerprint)).toList();
        byte[] b = StunEncoder.standard().encode(new StunMessage(m.type(), m.transactionId(), body));
        if (m.first(MessageIntegrity.class).isPresent()) {
            b = StunIntegrity.appendSha1(b, KEY);
        }
        return m.first(Fingerprint.class).isPresent() ? StunFingerprint.append(b) : b;
    }

    @ParameterizedTest
    @ValueSource(strings = {"allocate-request-unauthenticated", "allocate-401", "allocate-request", "allocate-success",
            "refresh-request", "refresh-success", "channel-bind-request", "channel-bind-success",
            "create-permission-request", "create-permission-success"})
    void everyStunVectorRebuildsToTheCapturedBytes(String name) throws StunException {
        byte[] captured = CoturnVectors.get(name);
        StunMessage m = decode(name);
        assertThat(m.unknownComprehensionRequired()).isEmpty();
        assertThat(StunFingerprint.check(captured)).isTrue();
        if (m.first(MessageIntegrity.class).isPresent()) {
            assertThat(StunIntegrity.checkSha1(captured, KEY)).isTrue();
        }
        assertThat(rebuild(m)).isEqualTo(captured);
    }

    @Test
    void allocateRequestWithoutCredentials() throws StunException {
        StunMessage m = decode("allocate-request-unauthenticated");
        assertThat(m.type().is(StunClass.REQUEST, TurnMethods.ALLOCATE)).isTrue();
        assertThat(m.attributes()).containsExactly(new RequestedTransport(RequestedTransport.UDP), new Lifetime(777),
                new EvenPort(false), new RequestedAddressFamily(TurnAddresses.FAMILY_IPV4),
                m.first(Fingerprint.class).orElseThrow());
    }

    @Test
    void challenge401CarriesRealmAndNonce() throws StunException {
        StunMessage m = decode("allocate-401");
        assertThat(m.type().is(StunClass.ERROR_RESPONSE, TurnMethods.ALLOCATE)).isTrue();
        assertThat(m.first(ErrorCode.class).orElseThrow().code()).isEqualTo(401);
        assertThat(m.first(Realm.class).orElseThrow().value()).isEqualTo(CoturnVectors.REALM);
        assertThat(m.first(Nonce.class).orElseThrow().value()).hasSize(16);
        assertThat(m.first(Software.class).orElseThrow().value()).startsWith("Coturn-4.6.1");
        assertThat(m.transactionId()).isEqualTo(decode("allocate-request-unauthenticated").transactionId());
    }

    @Test
    void allocateRequestWithCredentialsEncodesFromRecords() throws StunException {
        StunMessage captured = decode("allocate-request");
        String nonce = captured.first(Nonce.class).orElseThrow().value();
        byte[] built = StunEncoder.standard().encode(StunMessage.of(StunClass.REQUEST, TurnMethods.ALLOCATE,
                captured.transactionId(), new RequestedTransport(17), new Lifetime(777), new EvenPort(false),
                new RequestedAddressFamily(1), new Username(CoturnVectors.USER), new Nonce(nonce), new Realm(CoturnVectors.REALM)));
        built = StunFingerprint.append(StunIntegrity.appendSha1(built, KEY));
        assertThat(built).isEqualTo(CoturnVectors.get("allocate-request"));
    }

    @Test
    void allocateSuccessResponse() throws StunException {
        StunMessage m = decode("allocate-success");
        assertThat(m.type().is(StunClass.SUCCESS_RESPONSE, TurnMethods.ALLOCATE)).isTrue();
        InetSocketAddress relayed = m.first(XorRelayedAddress.class).orElseThrow().address();
        assertThat(relayed.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(relayed.getPort()).isBetween(52_000, 52_099); // coturn ran with --min-port 52000 --max-port 52099
        assertThat(m.first(XorMappedAddress.class).orElseThrow().address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(m.first(Lifetime.class).orElseThrow().seconds()).isEqualTo(777);
    }

    @Test
    void channelBindAndPermissionRequests() throws StunException {
        StunMessage bind = decode("channel-bind-request");
        assertThat(bind.method()).isEqualTo(TurnMethods.CHANNEL_BIND);
        assertThat(bind.first(ChannelNumber.class).orElseThrow().number()).isEqualTo(0x71CD); // an RFC 5766 number
        assertThat(bind.first(XorPeerAddress.class).orElseThrow().address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        StunMessage permission = decode("create-permission-request");
        assertThat(permission.method()).isEqualTo(TurnMethods.CREATE_PERMISSION);
        assertThat(permission.first(XorPeerAddress.class).orElseThrow().address().getAddress())
                .isEqualTo(LOCALHOST_PEER.getAddress());
    }

    @Test
    void channelDataBothWays() throws ChannelDataException {
        byte[] captured = CoturnVectors.get("channel-data");
        ChannelData d = ChannelData.decode(captured, 0, captured.length, 65_535);
        assertThat(d.channelNumber()).isEqualTo(0x4F57);
        assertThat(d.data()).hasSize(20);
        assertThat(d.encode(false)).isEqualTo(captured);
    }
}
