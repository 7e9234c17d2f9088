package io.peerdial.node.media.ice;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.peerdial.node.media.ice.IceSdpAttributes.Attribute;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The ICE attribute decoder takes peer input: only IceAttributeException may leave it, limits hold,
 * and what decodes re-encodes to attributes that decode to the same description. Input: SDP-like
 * lines "name:value" (or "name"), one per line.
 */
class IceSdpAttributesFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void decodeRoundTrips(byte[] input) throws IceAttributeException {
        List<Attribute> attributes = new ArrayList<>();
        for (String line : new String(input, StandardCharsets.UTF_8).split("\n", -1)) {
            int colon = line.indexOf(':');
            attributes.add(colon < 0 ? new Attribute(line, null) : new Attribute(line.substring(0, colon), line.substring(colon + 1)));
        }
        IceDescription d;
        try {
            d = IceSdpAttributes.decode(attributes);
        } catch (IceAttributeException expected) {
            return; // a typed refusal is the only allowed outcome besides success
        }
        assertThat(d.candidates()).hasSizeLessThanOrEqualTo(IceSdpAttributes.MAX_CANDIDATES);
        assertThat(IceSdpAttributes.decode(IceSdpAttributes.encode(d))).isEqualTo(d);
    }
}
