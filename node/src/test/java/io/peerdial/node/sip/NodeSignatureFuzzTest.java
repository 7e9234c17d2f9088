package io.peerdial.node.sip;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** The P-Peerdial-Identity header parser and verifier take peer input: only SignatureException may leave them. */
class NodeSignatureFuzzTest {

    private static final SignedFields FIELDS = new SignedFields("INVITE", "sip:bob@example.org",
            "sip:alice@example.org;tag=a1", "sip:bob@example.org", "call-1@host", "1 INVITE",
            "v=0\r\n".getBytes(StandardCharsets.UTF_8));

    @FuzzTest
    void parseAndVerify(byte[] input) {
        String header = new String(input, StandardCharsets.UTF_8);
        try {
            NodeSignature.parse(header);
        } catch (SignatureException expected) {
            // a typed refusal is the only allowed outcome besides success
        }
        try {
            NodeSignature.verify(header, FIELDS, 1_700_000_000_000L);
        } catch (SignatureException expected) {
            // likewise
        }
    }
}
