package io.peerdial.relay.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.overlay.stun.StunAttribute;
import io.peerdial.overlay.stun.StunClass;
import io.peerdial.overlay.stun.StunEncoder;
import io.peerdial.overlay.stun.StunException;
import io.peerdial.overlay.stun.StunMessage;
import io.peerdial.overlay.stun.TransactionId;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One nested class per TURN attribute (RFC 8656 §18): value bytes both ways, and bad values. */
class TurnAttributesTest {
    private static final TransactionId ID = TransactionId.of(HexFormat.of().parseHex("b7e7a701bc34d686fa87dfae"));

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** Encodes the value, compares it with {@code hex}, and decodes a one-attribute message through the registry. */
    private static void bothWays(StunAttribute attribute, String valueHex) throws StunException {
        assertThat(attribute.encodeValue(ID)).isEqualTo(hex(valueHex));
        byte[] message = StunEncoder.standard().encode(StunMessage.of(StunClass.REQUEST, TurnMethods.ALLOCATE, ID, attribute));
        assertThat(TurnAttributes.decoder().decode(message).attributes()).containsExactly(attribute);
    }

    /** A message carrying {@code type} with a raw value must be rejected as BAD_ATTRIBUTE. */
    private static void rejects(int type, String valueHex) {
        byte[] value = hex(valueHex);
        byte[] message = StunEncoder.standard().encode(StunMessage.of(StunClass.REQUEST, TurnMethods.ALLOCATE, ID,
                new io.peerdial.overlay.stun.UnknownAttribute(type, value)));
        assertThatThrownBy(() -> TurnAttributes.decoder().decode(message))
                .isInstanceOfSatisfying(StunException.class, e -> assertThat(e.reason()).isEqualTo(StunException.Reason.BAD_ATTRIBUTE));
    }

    @Nested
    class ChannelNumberAttr {
        @Test
        void encodesNumberAndZeroRffu() throws StunException {
            bothWays(new ChannelNumber(0x4001), "4001 0000");
        }

        @Test
        void ignoresRffuAndRejectsWrongLength() throws StunException {
            assertThat(ChannelNumber.decode(hex("4001ffff"), ID)).isEqualTo(new ChannelNumber(0x4001));
            rejects(TurnAttributeTypes.CHANNEL_NUMBER, "4001");
            assertThat(ChannelNumber.isValid(0x3FFF)).isFalse();
            assertThat(ChannelNumber.isValid(0x4000)).isTrue();
            assertThat(ChannelNumber.isValid(0x7FFF)).isTrue();
            assertThat(ChannelNumber.isValid(0x8000)).isFalse();
        }
    }

    @Nested
    class LifetimeAttr {
        @Test
        void unsigned32Bits() throws StunException {
            bothWays(new Lifetime(600), "00000258");
            bothWays(new Lifetime(0xFFFF_FFFFL), "ffffffff");
            rejects(TurnAttributeTypes.LIFETIME, "000258");
            assertThatThrownBy(() -> new Lifetime(-1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class XorPeerAddressAttr {
        @Test
        void ipv4IsXoredWithTheCookie() throws StunException {
            // 192.0.2.1:32853 XOR 0x2112A442 (the RFC 5769 §2.2 address)
            bothWays(new XorPeerAddress(new InetSocketAddress("192.0.2.1", 32853)), "0001 a147 e112a643");
        }

        @Test
        void ipv6IsXoredWithCookieAndTransactionId() throws StunException {
            // RFC 5769 §2.3: 2001:db8:1234:5678:11:2233:4455:6677 port 32853
            bothWays(new XorPeerAddress(new InetSocketAddress("2001:db8:1234:5678:11:2233:4455:6677", 32853)),
                    "0002 a147 0113a9fa a5d3f179 bc25f4b5 bed2b9d9");
        }

        @Test
        void badFamilyIsRejected() {
            rejects(TurnAttributeTypes.XOR_PEER_ADDRESS, "0003a147e112a643");
        }
    }

    @Nested
    class XorRelayedAddressAttr {
        @Test
        void sameLayoutAsPeer() throws StunException {
            bothWays(new XorRelayedAddress(new InetSocketAddress("192.0.2.1", 32853)), "0001 a147 e112a643");
            rejects(TurnAttributeTypes.XOR_RELAYED_ADDRESS, "0001a147");
        }
    }

    @Nested
    class DataAttr {
        @Test
        void anyBytesIncludingNone() throws StunException {
            bothWays(new Data(hex("010203")), "010203");
            bothWays(new Data(new byte[0]), "");
            assertThat(new Data(hex("0102")).length()).isEqualTo(2);
        }
    }

    @Nested
    class RequestedAddressFamilyAttr {
        @Test
        void familyByteThenRffu() throws StunException {
            bothWays(new RequestedAddressFamily(TurnAddresses.FAMILY_IPV6), "02000000");
            assertThat(RequestedAddressFamily.decode(hex("01ffffff"), ID).family()).isEqualTo(1);
            rejects(TurnAttributeTypes.REQUESTED_ADDRESS_FAMILY, "01");
        }
    }

    @Nested
    class AdditionalAddressFamilyAttr {
        @Test
        void sameLayout() throws StunException {
            bothWays(new AdditionalAddressFamily(TurnAddresses.FAMILY_IPV6), "02000000");
            rejects(TurnAttributeTypes.ADDITIONAL_ADDRESS_FAMILY, "0200");
        }
    }

    @Nested
    class EvenPortAttr {
        @Test
        void reserveBitIsTheTopBit() throws StunException {
            bothWays(new EvenPort(true), "80");
            bothWays(new EvenPort(false), "00");
            assertThat(EvenPort.decode(hex("7f"), ID).reserveNext()).isFalse();
            rejects(TurnAttributeTypes.EVEN_PORT, "8000");
        }
    }

    @Nested
    class RequestedTransportAttr {
        @Test
        void protocolByteThenRffu() throws StunException {
            bothWays(new RequestedTransport(RequestedTransport.UDP), "11000000");
            rejects(TurnAttributeTypes.REQUESTED_TRANSPORT, "11");
        }
    }

    @Nested
    class DontFragmentAttr {
        @Test
        void emptyValue() throws StunException {
            bothWays(new DontFragment(), "");
            rejects(TurnAttributeTypes.DONT_FRAGMENT, "00");
        }
    }

    @Nested
    class ReservationTokenAttr {
        @Test
        void eightBytes() throws StunException {
            bothWays(new ReservationToken(hex("0102030405060708")), "0102030405060708");
            rejects(TurnAttributeTypes.RESERVATION_TOKEN, "01020304");
        }
    }

    @Test
    void registryDoesNotChangeStunAttributes() {
        assertThat(TurnAttributes.registry().knows(io.peerdial.overlay.stun.StunAttributeTypes.XOR_MAPPED_ADDRESS)).isTrue();
        assertThat(TurnAttributes.registry().knows(TurnAttributeTypes.XOR_PEER_ADDRESS)).isTrue();
        assertThat(io.peerdial.overlay.stun.StunAttributeRegistry.rfc8489().knows(TurnAttributeTypes.XOR_PEER_ADDRESS)).isFalse();
    }
}
