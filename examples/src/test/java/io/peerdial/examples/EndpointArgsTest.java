package io.peerdial.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.node.daemon.Role;
import io.peerdial.p2p.P2PAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples' command line: every option, defaults, and the refusals. */
class EndpointArgsTest {

    @Test
    void everyOptionIsParsedAndTheRestIsKept() {
        EndpointArgs a = EndpointArgs.parse("--data", "/tmp/x", "--listen", "192.168.1.2:7000", "--bootstrap", "203.0.113.1:7000",
                "--bootstrap", "203.0.113.2:7001", "--name", "alice", "--role", "client", "--relays",
                "--connect", "sip:bob@example.org", "--timeout", "7", "send", "file.bin");

        assertThat(a.options().dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(a.options().listen()).isEqualTo(new InetSocketAddress("192.168.1.2", 7000));
        assertThat(a.options().bootstrap()).containsExactly(new InetSocketAddress("203.0.113.1", 7000),
                new InetSocketAddress("203.0.113.2", 7001));
        assertThat(a.options().name()).isEqualTo("alice");
        assertThat(a.options().role()).isEqualTo(Role.CLIENT);
        assertThat(a.options().relays()).isTrue();
        assertThat(a.connect()).isEqualTo(P2PAddress.of("sip:bob@example.org"));
        assertThat(a.timeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(a.rest()).containsExactly("send", "file.bin");
    }

    @Test
    void defaultsListenOnLoopbackAndWait() {
        EndpointArgs a = EndpointArgs.parse("--data", "/tmp/y");

        assertThat(a.options().listen().getAddress().isLoopbackAddress()).isTrue();
        assertThat(a.options().bootstrap()).isEmpty();
        assertThat(a.options().name()).isEqualTo("p2p");
        assertThat(a.options().relays()).isFalse();
        assertThat(a.connect()).isNull();
        assertThat(a.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(a.rest()).isEqualTo(List.of());
    }

    @Test
    void missingDataMissingValuesAndBadAddressesAreRefused() {
        assertThatThrownBy(() -> EndpointArgs.parse("--name", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--data");
        assertThatThrownBy(() -> EndpointArgs.parse("--data")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> EndpointArgs.parse("--data", "/tmp/z", "--bootstrap", "nohost"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HOST:PORT");
        assertThatThrownBy(() -> EndpointArgs.parse("--data", "/tmp/z", "--role", "boss"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EndpointArgs.parse("--data", "/tmp/z", "--name", "a b"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
