package io.peerdial.location.entry;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.peerdial.location.binding.BindingCodec;
import io.peerdial.location.trust.DomainCertificate;
import io.peerdial.location.validation.EntryValidator;
import io.peerdial.location.storage.BindingStoragePolicy;
import io.peerdial.overlay.storage.StoreOutcome;

/**
 * Decoders on arbitrary bytes: they either throw {@link EntryFormatException} or return a value
 * whose re-encoding is exactly the input (one encoding per entry: canonical). The storage policy
 * never throws either. Regression mode under {@code mvn test} replays the committed corpus
 * (resources/io/peerdial/location/entry/SignedEntryFuzzTestInputs).
 */
class SignedEntryFuzzTest {

    @FuzzTest
    void decodeIsCanonical(byte[] input) {
        SignedEntry entry;
        try {
            entry = EntryCodec.decode(input);
        } catch (EntryFormatException e) {
            assertThat(e.reason()).isNotNull();
            return;
        }
        assertThat(EntryCodec.encode(entry)).isEqualTo(input);
        entry.verifySignature(); // must not throw on a bogus key or signature
        EntryContent c = entry.content();
        try {
            byte[] payload = c.payload();
            byte[] again = c.tombstone() ? BindingCodec.encodeTombstone(BindingCodec.decodeTombstone(payload))
                    : BindingCodec.encode(BindingCodec.decode(payload));
            assertThat(again).isEqualTo(payload);
        } catch (EntryFormatException e) {
            assertThat(e.reason()).isNotNull();
        }
        if (c.hasCertificate()) {
            try {
                assertThat(DomainCertificate.decode(c.certificate()).encode()).isEqualTo(c.certificate());
            } catch (EntryFormatException e) {
                assertThat(e.reason()).isNotNull();
            }
        }
        StoreOutcome o = new BindingStoragePolicy().store(c.issuedAt(), c.key(), input);
        assertThat(o).isNotNull();
        assertThat(new EntryValidator(io.peerdial.location.trust.TrustAnchors.none()).check(c.issuedAt(), c.key(), input)).isNotNull();
    }
}
