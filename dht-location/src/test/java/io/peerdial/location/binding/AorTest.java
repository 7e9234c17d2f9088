package io.peerdial.location.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.location.Fixtures;
import io.peerdial.location.entry.EntryFormatException;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.overlay.identity.NodeId;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 3261 §19.1.4 comparison rules as normalisation. */
class AorTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "sip:alice@example.org              | sip:alice@example.org",
            "alice@example.org                  | sip:alice@example.org",
            "SIP:alice@EXAMPLE.Org              | sip:alice@example.org",
            "sip:Alice@example.org              | sip:Alice@example.org",
            "sip:alice@example.org:5060         | sip:alice@example.org",
            "sip:alice@example.org:05060        | sip:alice@example.org",
            "sip:alice@example.org:5070         | sip:alice@example.org:5070",
            "sip:alice@example.org;transport=tcp | sip:alice@example.org",
            "sip:alice@example.org?subject=hi   | sip:alice@example.org",
            "sip:%61lice@example.org            | sip:alice@example.org",
            "sip:a%2fb@example.org              | sip:a/b@example.org",
            "sip:a%20b@example.org              | sip:a%20b@example.org",
            "sip:a%c3%a9@example.org            | sip:a%C3%A9@example.org",
            "sip:+4930123;npdi@example.org      | sip:+4930123;npdi@example.org",
            "sip:bob@192.0.2.1:5060             | sip:bob@192.0.2.1",
            "'  sip:bob@Host-1.example.org  '   | sip:bob@host-1.example.org",
    })
    void normalises(String input, String expected) {
        Aor aor = Aor.parse(input);
        assertThat(aor).hasToString(expected);
        assertThat(Aor.parse(expected)).isEqualTo(aor);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "''                          | user@host",
            "example.org                 | user@host",
            "sip:@example.org            | user@host",
            "sips:alice@example.org      | scheme",
            "tel:+4930123                | scheme",
            "sip:alice:pw@example.org    | not allowed in the user part",
            "sip:al ice@example.org      | not allowed in the user part",
            "sip:alice%4@example.org     | bad %-escape",
            "sip:alice%zz@example.org    | bad %-escape",
            "sip:alice@                  | bad host",
            "sip:alice@exa_mple.org      | bad host",
            "sip:alice@-example.org      | bad host",
            "sip:alice@example..org      | bad host",
            "sip:alice@example.org:0     | out of range",
            "sip:alice@example.org:70000 | out of range",
            "sip:alice@example.org:x     | bad port",
            "sip:alice@[::1]             | IPv6",
            "sip:alice@192.0.2.256       | IPv4",
            "sip:alice@01.2.3.4          | IPv4",
            "sip:alice@bob.peerdial      | fingerprint",
            "sip:alice@x.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.peerdial | fingerprint",
            "sip:alice@éxample.org       | bad host",
    })
    void refusesWithClearMessage(String input, String message) {
        assertThatThrownBy(() -> Aor.parse(input)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void dhtKeyIsHashOfNormalisedSipUri() {
        Aor aor = Aor.parse("Alice@EXAMPLE.org:5060");
        assertThat(aor.dhtKey()).isEqualTo(NodeId.sha256Prefix("sip:Alice@example.org".getBytes(StandardCharsets.UTF_8)));
        assertThat(Aor.parse("alice@example.org").dhtKey()).isNotEqualTo(aor.dhtKey()); // user part is case-sensitive
    }

    @Test
    void selfCertifyingAorNamesItsOwner() {
        OwnerKey alice = OwnerKey.of(Fixtures.key(1));
        OwnerKey mallory = OwnerKey.of(Fixtures.key(2));
        Aor aor = Aor.selfCertifying("alice", alice);
        assertThat(alice.fingerprint()).hasSize(32).matches("[a-z2-7]{32}");
        assertThat(aor.host()).isEqualTo(alice.fingerprint() + ".peerdial");
        assertThat(aor.isCertifiedBy(alice)).isTrue();
        assertThat(aor.isCertifiedBy(mallory)).isFalse();
        assertThat(Aor.parse("sip:alice@" + alice.fingerprint().toUpperCase() + ".PEERDIAL")).isEqualTo(aor);
        assertThat(Aor.parse("alice@example.org").isCertifiedBy(alice)).isFalse();
    }

    @Test
    void wireFormMustBeNormalised() throws Exception {
        assertThat(Aor.fromWire("sip:alice@example.org")).isEqualTo(Aor.parse("alice@example.org"));
        for (String bad : new String[] {"alice@example.org", "sip:alice@Example.org", "sip:alice@example.org:5060", "sip:%61@x.org", "sip:x@"}) {
            assertThatThrownBy(() -> Aor.fromWire(bad)).isInstanceOfSatisfying(EntryFormatException.class,
                    e -> assertThat(e.reason()).isEqualTo(EntryFormatException.Reason.BAD_AOR));
        }
    }
}
