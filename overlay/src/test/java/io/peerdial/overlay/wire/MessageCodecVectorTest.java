package io.peerdial.overlay.wire;

import static io.peerdial.overlay.wire.WireFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.wire.ErrorMessage.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-written vectors in {@code vectors/overlay-wire.txt} (also in docs/PROTOCOL.md), both
 * ways: the hex decodes to the message below, and the message encodes to exactly the hex.
 */
class MessageCodecVectorTest {

    /** What each vector in the file must be; written from the vector's "message:" line. */
    static final Map<String, Message> EXPECTED = Map.ofEntries(
            Map.entry("ping", new Ping(CLIENT_HEADER)),
            Map.entry("pong", new Pong(HEADER, OBSERVED_V4)),
            Map.entry("find_node", new FindNode(HEADER, id(0xCC))),
            Map.entry("nodes", new Nodes(HEADER, OBSERVED_V6, WRITE_TOKEN, List.of(
                    new Contact(id(0xAA), address("198.51.100.7", 4000)),
                    new Contact(id(0xBB), address("2001:db8::2", 4001))))),
            Map.entry("find_value", new FindValue(HEADER, id(0xDD), 3)),
            Map.entry("values", new Values(HEADER, OBSERVED_V4, WRITE_TOKEN, List.of(), 5, 3,
                    List.of(ascii("hello"), ascii("ok")))),
            Map.entry("store", new Store(HEADER, id(0xDD), WRITE_TOKEN, ascii("sip:alice"))),
            Map.entry("store_result", new StoreResult(HEADER, OBSERVED_V4, 4, "stale seq")),
            Map.entry("auth_challenge", new AuthChallenge(HEADER, counting(0x00, 16))),
            Map.entry("auth_proof", new AuthProof(HEADER, OBSERVED_V4, counting(0x20, 32), counting(0x40, 64))),
            Map.entry("app_request", new AppRequest(HEADER, 0x0101, ascii("hi"))),
            Map.entry("app_response", new AppResponse(HEADER, 0x0101, new byte[0])),
            Map.entry("error", new ErrorMessage(HEADER, ErrorCode.RATE_LIMITED, "zu fr\u00fch")));

    static Stream<Arguments> vectors() throws IOException {
        return readVectors().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void hexDecodesToTheDescribedMessage(String name, byte[] wire) throws WireException {
        assertThat(EXPECTED).containsKey(name);
        assertThat(MessageCodec.decode(wire)).isEqualTo(EXPECTED.get(name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void messageEncodesToExactlyTheHex(String name, byte[] wire) {
        assertThat(EXPECTED).containsKey(name);
        assertThat(HexFormat.of().formatHex(MessageCodec.encode(EXPECTED.get(name))))
                .isEqualTo(HexFormat.of().formatHex(wire));
    }

    @Test
    void fileHasOneVectorPerMessageType() throws IOException {
        Map<String, byte[]> vectors = readVectors();
        Set<MessageType> covered = EnumSet.noneOf(MessageType.class);
        for (String name : vectors.keySet()) covered.add(EXPECTED.get(name).type());

        assertThat(vectors.keySet()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        assertThat(covered).containsExactlyInAnyOrder(MessageType.values());
    }

    /** name -> bytes, in file order. */
    static Map<String, byte[]> readVectors() throws IOException {
        String text;
        try (InputStream in = MessageCodecVectorTest.class.getResourceAsStream("/vectors/overlay-wire.txt")) {
            assertThat(in).as("vectors/overlay-wire.txt on the test class path").isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, byte[]> vectors = new LinkedHashMap<>();
        String name = null;
        StringBuilder hex = new StringBuilder();
        for (String line : (text + "\n").split("\n", -1)) { // -1 keeps the blank line that ends the last vector
            if (line.startsWith("name:")) {
                name = line.substring(5).strip();
            } else if (line.startsWith("hex:")) {
                String bytes = line.substring(4);
                int comment = bytes.indexOf('#');
                hex.append((comment >= 0 ? bytes.substring(0, comment) : bytes).replaceAll("\\s", ""));
            } else if (line.isBlank() && name != null) {
                vectors.put(name, HexFormat.of().parseHex(hex));
                name = null;
                hex.setLength(0);
            }
        }
        return vectors;
    }
}
