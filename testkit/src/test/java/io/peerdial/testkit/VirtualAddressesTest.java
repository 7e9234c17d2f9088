package io.peerdial.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VirtualAddressesTest {

    @Test
    void spreadPutsThousandsOfNodesInDistinctSlash24s() {
        Set<String> subnets = new HashSet<>();
        Set<InetSocketAddress> addresses = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            InetSocketAddress a = VirtualAddresses.spread(i);
            byte[] ip = a.getAddress().getAddress();
            assertThat(ip[0]).isEqualTo((byte) 10);
            subnets.add((ip[1] & 0xff) + "." + (ip[2] & 0xff));
            addresses.add(a);
        }
        assertThat(subnets).hasSize(10_000);
        assertThat(addresses).hasSize(10_000);
        assertThat(VirtualAddresses.spread(0).toString()).isEqualTo("/10.1.0.1:4000");
        assertThat(VirtualAddresses.spread(1).toString()).isEqualTo("/10.2.0.1:4000");
    }

    @Test
    void spreadIsInjectiveUpToItsCapacity() {
        int last = VirtualAddresses.SPREAD_CAPACITY - 1;
        assertThat(VirtualAddresses.spread(last)).isNotEqualTo(VirtualAddresses.spread(last - 250 * 256));
        assertThat(VirtualAddresses.spread(last).getAddress().getAddress()[3] & 0xff).isEqualTo(254);
        assertThatThrownBy(() -> VirtualAddresses.spread(last + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VirtualAddresses.spread(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inSubnetCrowdsOneSlash24() {
        assertThat(VirtualAddresses.inSubnet(0, 1, 5).toString()).isEqualTo("/172.16.0.1:5");
        assertThat(VirtualAddresses.inSubnet(300, 254, 5).toString()).isEqualTo("/172.17.44.254:5");
        assertThatThrownBy(() -> VirtualAddresses.inSubnet(0, 0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VirtualAddresses.inSubnet(4096, 1, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
