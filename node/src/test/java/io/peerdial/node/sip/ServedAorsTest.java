package io.peerdial.node.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.location.binding.Aor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServedAorsTest {

    @Test
    void byDefaultEveryAorIsServed() {
        assertThat(ServedAors.of(List.of())).isSameAs(ServedAors.ANY);
        assertThat(ServedAors.ANY.serves(Aor.parse("sip:anyone@anywhere.net"))).isTrue();
    }

    @Test
    void aDomainServesItsAorsAndAnAorOnlyItself() {
        ServedAors served = ServedAors.of(List.of("Example.ORG", "sip:carol@other.net"));
        assertThat(served.serves(Aor.parse("sip:alice@example.org"))).isTrue();
        assertThat(served.serves(Aor.parse("sip:bob@EXAMPLE.org"))).isTrue();
        assertThat(served.serves(Aor.parse("sip:carol@other.net"))).isTrue();
        assertThat(served.serves(Aor.parse("sip:dave@other.net"))).isFalse();
        assertThat(served.serves(Aor.parse("sip:alice@sub.example.org"))).as("a domain is not its subdomains").isFalse();
        assertThat(served).hasToString("example.org, sip:carol@other.net");
    }

    @Test
    void anEntryThatIsNeitherIsNamedInTheError() {
        assertThatThrownBy(() -> ServedAors.of(List.of("example.org", "not a domain")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'not a domain'");
    }
}
