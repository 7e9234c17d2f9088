package io.peerdial.overlay.wire;

import static io.peerdial.overlay.wire.WireFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.wire.ErrorMessage.ErrorCode;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** encode then decode gives back an equal message, for every type and the edge sizes. */
class MessageCodecRoundTripTest {

    /** Largest STORE value that fits: 1200 - header 32 - key 20 - token 8 - length 2. */
    static final int MAX_STORE_VALUE = MessageCodec.MAX_DATAGRAM - 32 - 20 - 8 - 2;
    /** Largest single VALUES value with an IPv4 observed address and no contacts: 1200 - 32 - 7 - 8 - 1 - 5 - 2. */
    static final int MAX_VALUES_VALUE = MessageCodec.MAX_DATAGRAM - 32 - 7 - 8 - 1 - 5 - 2;

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of("ping", new Ping(HEADER)),
                Arguments.of("ping from client", new Ping(CLIENT_HEADER)),
                Arguments.of("ping, extreme transaction id", new Ping(new Header(-1L, id(0xFF), true))),
                Arguments.of("pong v4", new Pong(HEADER, OBSERVED_V4)),
                Arguments.of("pong v6", new Pong(HEADER, OBSERVED_V6)),
                Arguments.of("pong, port 65535", new Pong(HEADER, address("203.0.113.9", 65535))),
                Arguments.of("find node", new FindNode(HEADER, id(0xCC))),
                Arguments.of("nodes, empty", new Nodes(HEADER, OBSERVED_V4, WRITE_TOKEN, List.of())),
                Arguments.of("nodes, 20 v4", new Nodes(HEADER, OBSERVED_V4, WRITE_TOKEN, fullContacts(false))),
                Arguments.of("nodes, 20 v6", new Nodes(HEADER, OBSERVED_V6, -1L, fullContacts(true))),
                Arguments.of("find value", new FindValue(HEADER, id(0xDD), 0)),
                Arguments.of("find value, max start", new FindValue(HEADER, id(0xDD), 0xFFFF)),
                Arguments.of("values, none", new Values(HEADER, OBSERVED_V6, WRITE_TOKEN, List.of(), 0, 0, List.of())),
                Arguments.of("values, contacts and values", new Values(HEADER, OBSERVED_V4, WRITE_TOKEN,
                        fullContacts(true).subList(0, 5), 0xFFFF, 0xFFFD, List.of(ascii("a"), new byte[0]))),
                Arguments.of("values, max-size value", new Values(HEADER, OBSERVED_V4, WRITE_TOKEN, List.of(), 1, 0,
                        List.of(counting(0, MAX_VALUES_VALUE)))),
                Arguments.of("store", new Store(CLIENT_HEADER, id(0xDD), WRITE_TOKEN, ascii("sip:alice"))),
                Arguments.of("store, max-size value", new Store(HEADER, id(0xDD), 0, counting(7, MAX_STORE_VALUE))),
                Arguments.of("store result", new StoreResult(HEADER, OBSERVED_V4, 0, "")),
                Arguments.of("store result, 255-byte detail", new StoreResult(HEADER, OBSERVED_V6, 255, "é".repeat(127) + "x")),
                Arguments.of("auth challenge", new AuthChallenge(HEADER, counting(0, 16))),
                Arguments.of("auth proof v4", new AuthProof(HEADER, OBSERVED_V4, counting(0x20, 32), counting(0x40, 64))),
                Arguments.of("auth proof v6", new AuthProof(HEADER, OBSERVED_V6, counting(0x20, 32), counting(0x40, 64))),
                Arguments.of("app request", new AppRequest(CLIENT_HEADER, 0xFFFF, ascii("credential please"))),
                Arguments.of("app request, max payload", new AppRequest(HEADER, 0, counting(3, AppRequest.MAX_PAYLOAD))),
                Arguments.of("app response, empty", new AppResponse(HEADER, 1, new byte[0])),
                Arguments.of("app response, max payload", new AppResponse(HEADER, 7, counting(9, AppResponse.MAX_PAYLOAD))),
                Arguments.of("error, unknown service", new ErrorMessage(HEADER, ErrorCode.UNKNOWN_SERVICE, "no service 7")),
                Arguments.of("error", new ErrorMessage(HEADER, ErrorCode.OVERLOADED, "busy, try later")),
                Arguments.of("error, supplementary chars", new ErrorMessage(HEADER, ErrorCode.MALFORMED, "\uD83D\uDCDE call")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void decodesToAnEqualMessage(String name, Message message) throws WireException {
        byte[] wire = MessageCodec.encode(message);

        assertThat(wire).hasSize(MessageCodec.encodedSize(message));
        assertThat(MessageCodec.decode(wire)).isEqualTo(message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void decodesAtAnOffsetInsideALargerBuffer(String name, Message message) throws WireException {
        byte[] wire = MessageCodec.encode(message);
        byte[] buffer = new byte[wire.length + 10];
        java.util.Arrays.fill(buffer, (byte) 0x5A);
        System.arraycopy(wire, 0, buffer, 3, wire.length);

        assertThat(MessageCodec.decode(buffer, 3, wire.length)).isEqualTo(message);
    }

    @org.junit.jupiter.api.Test
    void maxSizeStoreIsExactlyTheDatagramLimit() {
        Store store = new Store(HEADER, id(0xDD), 0, new byte[MAX_STORE_VALUE]);
        assertThat(MessageCodec.encode(store)).hasSize(MessageCodec.MAX_DATAGRAM);
    }

    @org.junit.jupiter.api.Test
    void ipv4MappedIpv6IsEncodedAsIpv4() throws Exception {
        // Java turns ::ffff:a.b.c.d into an Inet4Address; build a genuine Inet6Address to check the encoder
        byte[] mapped = hex("00000000000000000000ffffc0000201");
        InetSocketAddress observed = new InetSocketAddress(java.net.Inet6Address.getByAddress(null, mapped, -1), 5060);
        byte[] wire = MessageCodec.encode(new Pong(HEADER, observed));

        assertThat(java.util.Arrays.copyOfRange(wire, 32, wire.length)).isEqualTo(hex("04c000020113c4"));
        assertThat(((Pong) MessageCodec.decode(wire)).observed()).isEqualTo(OBSERVED_V4);
    }
}
