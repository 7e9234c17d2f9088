package io.peerdial.node.media.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The restart body comes from other nodes: only IceRestartException may leave the decoder, and what
 * decodes re-encodes (under any key) to a body that decodes to the same call and description.
 */
class IceRestartBodyFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void decodeRoundTrips(byte[] input) throws IceRestartException {
        IceRestartBody.Message m;
        try {
            m = IceRestartBody.decode(input);
        } catch (IceRestartException expected) {
            return;
        }
        assertThat(input.length).isLessThanOrEqualTo(IceRestartBody.MAX_BYTES);
        m.authenticatedBy("somePassword"); // must not throw whatever the MAC
        IceRestartBody.Message again = IceRestartBody.decode(IceRestartBody.encode(m.callId(), m.description(), "k3y-of-the-receiver-0000"));
        assertThat(again.callId()).isEqualTo(m.callId());
        assertThat(again.description()).isEqualTo(m.description());
        assertThat(again.authenticatedBy("k3y-of-the-receiver-0000")).isTrue();
    }
}
