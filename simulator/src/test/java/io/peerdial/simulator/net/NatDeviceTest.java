package io.peerdial.simulator.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 4787 behaviours of {@link NatDevice}, one table row per behaviour. */
class NatDeviceTest {

    private static final InetSocketAddress INSIDE = at("10.0.0.1", 5000);
    private static final InetSocketAddress X = at("20.0.0.1", 3478);
    private static final InetSocketAddress X_OTHER_PORT = at("20.0.0.1", 9999);
    private static final InetSocketAddress Y = at("30.0.0.1", 3478);
    private static final long BINDING = 120_000;

    private static InetSocketAddress at(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port); // literal: no lookup
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static NatDevice nat(NatBehaviour mapping, NatBehaviour filtering, boolean preserve) {
        return new NatDevice(at("11.0.0.1", 1).getAddress(), mapping, filtering, BINDING, preserve, false, new SplittableRandom(1));
    }

    static Stream<Arguments> mapping() {
        // RFC 4787 §4.1: does the mapping towards X stay the same towards X:other port, and towards Y?
        return Stream.of(
                Arguments.of(NatBehaviour.ENDPOINT_INDEPENDENT, true, true),
                Arguments.of(NatBehaviour.ADDRESS_DEPENDENT, true, false),
                Arguments.of(NatBehaviour.ADDRESS_AND_PORT_DEPENDENT, false, false));
    }

    @ParameterizedTest(name = "{0} mapping")
    @MethodSource("mapping")
    void mappingBehaviour(NatBehaviour mapping, boolean sameForOtherPort, boolean sameForOtherAddress) {
        NatDevice d = nat(mapping, NatBehaviour.ENDPOINT_INDEPENDENT, false);
        InetSocketAddress toX = d.outbound(0, Transport.UDP, INSIDE, X);
        assertThat(toX.getAddress()).isEqualTo(d.publicIp());
        assertThat(d.outbound(1, Transport.UDP, INSIDE, X)).isEqualTo(toX); // same destination: same mapping
        assertThat(d.outbound(2, Transport.UDP, INSIDE, X_OTHER_PORT).equals(toX)).isEqualTo(sameForOtherPort);
        assertThat(d.outbound(3, Transport.UDP, INSIDE, Y).equals(toX)).isEqualTo(sameForOtherAddress);
    }

    static Stream<Arguments> filtering() {
        // RFC 4787 §5: after INSIDE sent to X, which sources may reach the mapping?
        return Stream.of(
                Arguments.of(NatBehaviour.ENDPOINT_INDEPENDENT, true, true, true),
                Arguments.of(NatBehaviour.ADDRESS_DEPENDENT, true, true, false),
                Arguments.of(NatBehaviour.ADDRESS_AND_PORT_DEPENDENT, true, false, false));
    }

    @ParameterizedTest(name = "{0} filtering")
    @MethodSource("filtering")
    void filteringBehaviour(NatBehaviour filtering, boolean fromX, boolean fromXOtherPort, boolean fromY) {
        NatDevice d = nat(NatBehaviour.ENDPOINT_INDEPENDENT, filtering, false);
        InetSocketAddress pub = d.outbound(0, Transport.UDP, INSIDE, X);
        assertThat(d.inbound(1, Transport.UDP, X, pub) != null).isEqualTo(fromX);
        assertThat(d.inbound(1, Transport.UDP, X_OTHER_PORT, pub) != null).isEqualTo(fromXOtherPort);
        assertThat(d.inbound(1, Transport.UDP, Y, pub) != null).isEqualTo(fromY);
        if (fromX) assertThat(d.inbound(1, Transport.UDP, X, pub)).isEqualTo(INSIDE); // delivered to the internal endpoint
        // nothing reaches a port without a mapping, whatever the filter
        assertThat(d.inbound(1, Transport.UDP, X, new InetSocketAddress(pub.getAddress(), pub.getPort() == 1 ? 2 : pub.getPort() - 1))).isNull();
    }

    static Stream<Arguments> bindingTimeout() {
        // RFC 4787 §4.3 / REQ-6: outbound refreshes, inbound does not; an expired binding lets nothing in
        return Stream.of(
                Arguments.of("idle past the timeout", new long[] {}, new long[] {}, BINDING, false),
                Arguments.of("just before the timeout", new long[] {}, new long[] {}, BINDING - 1, true),
                Arguments.of("refreshed by outbound", new long[] {100_000}, new long[] {}, 200_000, true),
                Arguments.of("inbound does not refresh", new long[] {}, new long[] {100_000}, 200_000, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bindingTimeout")
    void bindingTimeouts(String name, long[] outboundAt, long[] inboundAt, long probeAt, boolean open) {
        NatDevice d = nat(NatBehaviour.ENDPOINT_INDEPENDENT, NatBehaviour.ENDPOINT_INDEPENDENT, false);
        InetSocketAddress pub = d.outbound(0, Transport.UDP, INSIDE, X);
        for (long t : outboundAt) assertThat(d.outbound(t, Transport.UDP, INSIDE, X)).isEqualTo(pub);
        for (long t : inboundAt) assertThat(d.inbound(t, Transport.UDP, X, pub)).isNotNull();
        assertThat(d.inbound(probeAt, Transport.UDP, X, pub) != null).isEqualTo(open);
        assertThat(d.liveMappings(probeAt, Transport.UDP)).isEqualTo(open ? 1 : 0);
    }

    static Stream<Arguments> portPreservation() {
        return Stream.of(Arguments.of(true), Arguments.of(false));
    }

    @ParameterizedTest(name = "preserve ports: {0}")
    @MethodSource("portPreservation")
    void portPreservation(boolean preserve) {
        NatDevice d = nat(NatBehaviour.ADDRESS_AND_PORT_DEPENDENT, NatBehaviour.ADDRESS_AND_PORT_DEPENDENT, preserve);
        InetSocketAddress first = d.outbound(0, Transport.UDP, INSIDE, X);
        InetSocketAddress second = d.outbound(0, Transport.UDP, INSIDE, Y);
        // RFC 4787 §4.2.1: the first mapping keeps the internal port when preserving; no port is shared (REQ-3)
        assertThat(first.getPort() == INSIDE.getPort()).isEqualTo(preserve);
        assertThat(second.getPort()).isNotEqualTo(first.getPort());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void udpBlockedOnlyLetsTcpOut(NodeMix kind) {
        NodeDevice d = kind.device(at("11.0.0.1", 1).getAddress(), BINDING, false, new SplittableRandom(2));
        if (kind == NodeMix.PUBLIC) {
            assertThat(d).isNull();
            return;
        }
        InetSocketAddress udp = d.outbound(0, Transport.UDP, INSIDE, X);
        assertThat(udp == null).isEqualTo(kind == NodeMix.UDP_BLOCKED);
        InetSocketAddress tcp = d.outbound(0, Transport.TCP, INSIDE, X);
        assertThat(tcp).isNotNull(); // every kind lets TCP out (RFC 5382)
        assertThat(d.inbound(1, Transport.TCP, X, tcp)).isEqualTo(INSIDE); // replies on the connection come in
        assertThat(d.inbound(1, Transport.TCP, Y, tcp)).isNull(); // nobody else's segments do
        if (kind == NodeMix.UDP_BLOCKED) assertThat(d.inbound(1, Transport.UDP, X, tcp)).isNull();
    }

    static Stream<NodeMix> kinds() {
        return Stream.of(NodeMix.values());
    }
}
