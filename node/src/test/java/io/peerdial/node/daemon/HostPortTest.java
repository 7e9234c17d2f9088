package io.peerdial.node.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class HostPortTest {

    @Test
    void parsesAndFormatsIpv4AndBracketedIpv6() {
        InetSocketAddress v4 = HostPort.parse("127.0.0.1:7070");
        assertThat(v4.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(v4.getPort()).isEqualTo(7070);
        assertThat(HostPort.format(v4)).isEqualTo("127.0.0.1:7070");
        InetSocketAddress v6 = HostPort.parse("[::1]:5");
        assertThat(v6.getAddress().isLoopbackAddress()).isTrue();
        assertThat(HostPort.format(v6)).isEqualTo("[0:0:0:0:0:0:0:1]:5");
    }

    @Test
    void rejectsWhatIsNotHostColonPort() {
        assertThatThrownBy(() -> HostPort.parse("127.0.0.1")).hasMessageContaining("expected HOST:PORT");
        assertThatThrownBy(() -> HostPort.parse(":80")).hasMessageContaining("expected HOST:PORT");
        assertThatThrownBy(() -> HostPort.parse("host:")).hasMessageContaining("expected HOST:PORT");
        assertThatThrownBy(() -> HostPort.parse("127.0.0.1:http")).hasMessageContaining("port must be a number");
        assertThatThrownBy(() -> HostPort.parse("127.0.0.1:65536")).hasMessageContaining("0..65535");
        assertThatThrownBy(() -> HostPort.parse("::1:80")).hasMessageContaining("brackets");
    }

    @Test
    void rolesParseCaseInsensitivelyAndReportPeerForAuto() {
        assertThat(Role.parse("SUPER")).isEqualTo(Role.SUPER);
        assertThat(Role.AUTO.statusName()).isEqualTo("peer");
        assertThat(Role.CLIENT.statusName()).isEqualTo("client");
        assertThatThrownBy(() -> Role.parse("boss")).hasMessage("expected one of auto, super, client, got 'boss'");
    }
}
