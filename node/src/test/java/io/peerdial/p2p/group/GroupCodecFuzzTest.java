package io.peerdial.p2p.group;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.peerdial.p2p.base.WireFormatException;

/**
 * Peer input (group datagrams from other nodes, member entries from the DHT): only WireFormatException
 * may leave the decoders; a datagram re-encodes to the same bytes; a member re-decodes to the same member.
 */
class GroupCodecFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void decodeRoundTrips(byte[] input) throws WireFormatException {
        try {
            assertThat(GroupCodec.encode(GroupCodec.decode(input))).isEqualTo(input);
        } catch (WireFormatException expected) {
            // a typed refusal is the only allowed failure
        }
        Member m;
        try {
            m = MemberCodec.decode(input);
        } catch (WireFormatException expected) {
            return;
        }
        assertThat(MemberCodec.decode(MemberCodec.encode(m))).isEqualTo(m); // an IPv4-mapped v6 address comes back as v4
    }
}
