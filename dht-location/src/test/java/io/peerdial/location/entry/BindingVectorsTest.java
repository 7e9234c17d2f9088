package io.peerdial.location.entry;

import static io.peerdial.location.entry.Vectors.HEX;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.location.binding.Binding;
import io.peerdial.location.binding.BindingCodec;
import io.peerdial.location.binding.BindingContact;
import io.peerdial.location.trust.DomainCertificate;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The committed vectors (resources/vectors/bindings.txt, also in docs), checked both ways. */
class BindingVectorsTest {

    static Stream<Vectors.Vector> vectors() throws Exception {
        List<Vectors.Vector> all = Vectors.load();
        assertThat(all).hasSizeGreaterThanOrEqualTo(5);
        return all.stream();
    }

    @ParameterizedTest(name = "{index}: encode")
    @MethodSource("vectors")
    void buildingFromFieldsGivesTheExactBytes(Vectors.Vector v) {
        SignedEntry e = Vectors.build(v);
        assertThat(HEX.formatHex(EntryCodec.encode(e))).as(v.get("name")).isEqualTo(v.get("encoded"));
        assertThat(HEX.formatHex(e.signature())).isEqualTo(v.get("signature"));
        assertThat(HEX.formatHex(e.content().payload())).isEqualTo(v.get("payload"));
        assertThat(HEX.formatHex(e.content().certificate())).isEqualTo(v.get("certificate"));
    }

    @ParameterizedTest(name = "{index}: decode")
    @MethodSource("vectors")
    void decodingGivesTheFields(Vectors.Vector v) throws Exception {
        byte[] encoded = v.hex("encoded");
        SignedEntry e = EntryCodec.decode(encoded);
        EntryContent c = e.content();
        assertThat(c.kind().name()).isEqualTo(v.get("kind"));
        assertThat(c.key().toHex()).isEqualTo(v.get("key"));
        assertThat(c.owner().toHex()).isEqualTo(v.get("owner"));
        assertThat(c.slot().toHex()).isEqualTo(v.get("slot"));
        assertThat(Long.toUnsignedString(c.seq())).isEqualTo(v.get("seq"));
        assertThat(c.issuedAt()).isEqualTo(Long.parseLong(v.get("issuedAt")));
        assertThat(c.expiresAt()).isEqualTo(Long.parseLong(v.get("expiresAt")));
        assertThat(c.tombstone()).isEqualTo(Boolean.parseBoolean(v.get("tombstone")));
        assertThat(HEX.formatHex(c.payload())).isEqualTo(v.get("payload"));
        assertThat(HEX.formatHex(c.certificate())).isEqualTo(v.get("certificate"));
        assertThat(HEX.formatHex(e.signature())).isEqualTo(v.get("signature"));
        assertThat(e.verifySignature()).isTrue();
        assertThat(c.owner()).isEqualTo(OwnerKey.of(Vectors.owner(v)));

        if (v.get("kind").equals("BINDING")) {
            // the key is SHA-256("sip:" + normalised AOR), first 20 bytes, computed here independently
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(v.get("aor").getBytes(StandardCharsets.UTF_8));
            assertThat(HEX.formatHex(Arrays.copyOf(digest, 20))).isEqualTo(v.get("key"));
            if (c.tombstone()) {
                assertThat(BindingCodec.decodeTombstone(c.payload())).hasToString(v.get("aor"));
            } else {
                Binding b = BindingCodec.decode(c.payload());
                assertThat(b.aor()).hasToString(v.get("aor"));
                assertThat(b.device().toHex()).isEqualTo(v.get("device"));
                assertThat(b.reachability().name()).isEqualTo(v.get("reachability"));
                assertThat(b.capabilities()).isEqualTo(Integer.parseInt(v.get("capabilities")));
                assertThat(b.contacts()).extracting(BindingVectorsTest::describe).containsExactlyElementsOf(v.all("contact"));
            }
        }
        if (v.has("caSeed")) {
            DomainCertificate cert = DomainCertificate.decode(c.certificate());
            assertThat(cert.domain()).isEqualTo(v.get("certDomain"));
            assertThat(cert.user()).isEqualTo(v.get("certUser"));
            assertThat(cert.validFrom()).isEqualTo(Long.parseLong(v.get("certValidFrom")));
            assertThat(cert.validUntil()).isEqualTo(Long.parseLong(v.get("certValidUntil")));
            assertThat(cert.subject()).isEqualTo(c.owner());
        }
    }

    /** A second Ed25519 implementation (the JDK's SunEC) agrees that the signatures verify. */
    @ParameterizedTest(name = "{index}: JDK verifies")
    @MethodSource("vectors")
    void independentEd25519ImplementationVerifies(Vectors.Vector v) throws Exception {
        byte[] encoded = v.hex("encoded");
        byte[] body = Arrays.copyOf(encoded, encoded.length - 64);
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point(v.hex("owner")))));
        jdk.update(SignedEntry.SIGNATURE_CONTEXT);
        jdk.update(body);
        assertThat(jdk.verify(v.hex("signature"))).isTrue();
    }

    /** RFC 8032 §5.1.3 point decoding input: little-endian y, top bit = x parity. */
    private static EdECPoint point(byte[] key) {
        byte[] le = key.clone();
        boolean xOdd = (le[31] & 0x80) != 0;
        le[31] &= 0x7F;
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) be[i] = le[31 - i];
        return new EdECPoint(xOdd, new BigInteger(1, be));
    }

    private static String describe(BindingContact c) {
        String a = c.transport() + " " + c.address().getHostAddress().replace("0:0:0:0:0:0:0:5", "::5").replace("2001:db8:0:0:0:0:0:5", "2001:db8::5")
                + " " + c.port();
        return c.isRendezvous() ? "rendezvous " + a + " " + c.rendezvous().toHex() : "direct " + a;
    }
}
