package io.peerdial.node.media.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.node.media.ice.IceAttributeException.Reason;
import io.peerdial.node.media.ice.IceCandidateAttribute.Extension;
import io.peerdial.node.media.ice.IceSdpAttributes.Attribute;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IceSdpAttributesTest {

    // RFC 8839 §5.1 / Appendix A style lines
    private static final String HOST = "1 1 UDP 2130706431 10.0.1.1 8998 typ host";
    private static final String SRFLX = "2 1 UDP 1694498815 192.0.2.3 45664 typ srflx raddr 10.0.1.1 rport 8998";
    private static final String RELAY_EXT = "3 1 udp 16777215 2001:db8::1 3478 typ relay raddr 192.0.2.3 rport 45664 generation 0";

    private static final IceDescription DESCRIPTION = new IceDescription("8hhY", "asd88fgpdd777uzjYhagZg",
            List.of(new IceCandidateAttribute("1", 1, "UDP", 2130706431L, "10.0.1.1", 8998, CandidateKind.HOST),
                    new IceCandidateAttribute("2", 1, "UDP", 1694498815L, "192.0.2.3", 45664, CandidateKind.SRFLX,
                            "10.0.1.1", 8998, List.of())),
            true, List.of("ice2"));

    private static final List<Attribute> ATTRIBUTES = List.of(
            new Attribute("ice-ufrag", "8hhY"),
            new Attribute("ice-pwd", "asd88fgpdd777uzjYhagZg"),
            new Attribute("ice-options", "ice2"),
            new Attribute("candidate", HOST),
            new Attribute("candidate", SRFLX),
            new Attribute("end-of-candidates", null));

    @Test
    void encodesTheDescription() {
        assertThat(IceSdpAttributes.encode(DESCRIPTION)).isEqualTo(ATTRIBUTES);
    }

    @Test
    void decodesTheAttributes() throws Exception {
        assertThat(IceSdpAttributes.decode(ATTRIBUTES)).isEqualTo(DESCRIPTION);
    }

    @Test
    void candidateWithRelatedAddressAndExtensionBothWays() throws Exception {
        IceCandidateAttribute c = IceSdpAttributes.parseCandidate(RELAY_EXT);
        assertThat(c).isEqualTo(new IceCandidateAttribute("3", 1, "udp", 16777215L, "2001:db8::1", 3478,
                CandidateKind.RELAY, "192.0.2.3", 45664, List.of(new Extension("generation", "0"))));
        assertThat(IceSdpAttributes.formatCandidate(c)).isEqualTo(RELAY_EXT);
    }

    @Test
    void ignoresOtherAttributesAndUnknownTransportsOrTypes() throws Exception {
        List<Attribute> in = new ArrayList<>(ATTRIBUTES);
        in.add(new Attribute("rtcp-mux", null));
        in.add(new Attribute("candidate", "4 1 TCP 2105524479 10.0.1.1 9 typ host tcptype active"));
        in.add(new Attribute("candidate", "5 1 UDP 100 10.0.1.1 9 typ future"));
        assertThat(IceSdpAttributes.decode(in)).isEqualTo(DESCRIPTION);
    }

    @Test
    void acceptsAnFqdnButKeepsItAsText() throws Exception {
        IceCandidateAttribute c = IceSdpAttributes.parseCandidate("1 1 UDP 2130706431 4f2a.local 5000 typ host");
        assertThat(c.address()).isEqualTo("4f2a.local");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1 1 UDP 2130706431 10.0.1.1 8998 host              | MALFORMED_CANDIDATE",
            "1 1 UDP 2130706431 10.0.1.1 8998 typ  host         | MALFORMED_CANDIDATE",
            "1 1 UDP 2130706431 10.0.1.1 8998 tip host          | MALFORMED_CANDIDATE",
            "f_o 1 UDP 2130706431 10.0.1.1 8998 typ host        | BAD_FOUNDATION",
            "123456789012345678901234567890123 1 UDP 1 10.0.1.1 1 typ host | BAD_FOUNDATION",
            "1 0 UDP 2130706431 10.0.1.1 8998 typ host          | BAD_COMPONENT_ID",
            "1 257 UDP 2130706431 10.0.1.1 8998 typ host        | BAD_COMPONENT_ID",
            "1 1 UDP 0 10.0.1.1 8998 typ host                   | BAD_PRIORITY",
            "1 1 UDP 2147483648 10.0.1.1 8998 typ host          | BAD_PRIORITY",
            "1 1 UDP -5 10.0.1.1 8998 typ host                  | BAD_PRIORITY",
            "1 1 UDP 1 10.0.1.256 8998 typ host                 | BAD_ADDRESS",
            "1 1 UDP 1 fe80::1%eth0 8998 typ host               | BAD_ADDRESS",
            "1 1 UDP 1 10.0.1.1 65536 typ host                  | BAD_PORT",
            "1 1 UDP 1 10.0.1.1 1 typ srflx raddr 10.0.1.1      | MALFORMED_CANDIDATE",
            "1 1 UDP 1 10.0.1.1 1 typ host generation           | MALFORMED_CANDIDATE",
            "1 1 SCTP 1 10.0.1.1 1 typ host                     | UNSUPPORTED_TRANSPORT",
            "1 1 UDP 1 10.0.1.1 1 typ nat                       | UNKNOWN_TYPE",
    })
    void rejectsBadCandidatesWithAReason(String line, Reason reason) {
        assertThatThrownBy(() -> IceSdpAttributes.parseCandidate(line.strip()))
                .isInstanceOfSatisfying(IceAttributeException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void rejectsBadDescriptions() {
        assertReason(List.of(new Attribute("ice-pwd", "asd88fgpdd777uzjYhagZg")), Reason.BAD_CREDENTIALS);
        assertReason(List.of(new Attribute("ice-ufrag", "abc"), new Attribute("ice-pwd", "asd88fgpdd777uzjYhagZg")),
                Reason.BAD_CREDENTIALS); // ufrag shorter than 4 (RFC 8839 §5.4)
        assertReason(List.of(new Attribute("ice-ufrag", "abcd"), new Attribute("ice-pwd", "tooshort")), Reason.BAD_CREDENTIALS);
        assertReason(List.of(new Attribute("ice-ufrag", "abcd"), new Attribute("ice-ufrag", "efgh")), Reason.DUPLICATE_ATTRIBUTE);
        assertReason(List.of(new Attribute("ice-options", "ice2  trickle")), Reason.BAD_OPTIONS);
        assertReason(List.of(new Attribute("end-of-candidates", "x")), Reason.BAD_END_OF_CANDIDATES);
        List<Attribute> many = new ArrayList<>();
        for (int i = 0; i <= IceSdpAttributes.MAX_CANDIDATES; i++) {
            many.add(new Attribute("candidate", HOST));
        }
        assertReason(many, Reason.TOO_LONG);
        assertReason(List.of(new Attribute("candidate", "1".repeat(IceSdpAttributes.MAX_VALUE_LENGTH + 1))), Reason.TOO_LONG);
    }

    private static void assertReason(List<Attribute> in, Reason reason) {
        assertThatThrownBy(() -> IceSdpAttributes.decode(in))
                .isInstanceOfSatisfying(IceAttributeException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
