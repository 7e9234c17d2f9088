package io.peerdial.location.validation;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.binding.Binding;
import io.peerdial.location.binding.BindingCodec;
import io.peerdial.location.entry.EntryCodec;
import io.peerdial.location.entry.EntryContent;
import io.peerdial.location.entry.EntryFormatException;
import io.peerdial.location.entry.SignedEntry;
import io.peerdial.location.entry.VerifierCache;
import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.storage.StoreOutcome;
import io.peerdial.overlay.storage.StoreStatus;
import java.util.Objects;

/**
 * The checks on one entry that need no stored state, cheapest first, the signature last. Both the
 * storing node ({@code BindingStoragePolicy}) and readers ({@code BindingReader}) run them; a
 * refusal carries the {@link StoreStatus} a writer sees and a precise detail. Not thread-safe
 * (it caches decoded owner keys); one per storage policy or reader.
 */
public final class EntryValidator {

    /** Outcome: exactly one of {@code entry} and {@code refusal} is set. */
    public record Result(ValidEntry entry, StoreOutcome refusal) {
        static Result refused(StoreStatus status, String detail) {
            return new Result(null, StoreOutcome.refused(status, detail));
        }

        public boolean valid() {
            return entry != null;
        }
    }

    private final TrustAnchors anchors;
    private final VerifierCache verifier = new VerifierCache(4096);

    /** @param anchors domain anchors a storing node enforces; {@link TrustAnchors#none()} for readers (their TrustPolicy decides) */
    public EntryValidator(TrustAnchors anchors) {
        this.anchors = Objects.requireNonNull(anchors, "anchors");
    }

    /** Everything except the signature; see {@link #verify(ValidEntry)}. Never throws on peer input. */
    public Result inspect(long now, NodeId key, byte[] bytes) {
        if (bytes.length > EntryCodec.MAX_ENCODED_BYTES) {
            return Result.refused(StoreStatus.TOO_LARGE, bytes.length + " bytes, at most " + EntryCodec.MAX_ENCODED_BYTES);
        }
        SignedEntry entry;
        try {
            entry = EntryCodec.decode(bytes);
        } catch (EntryFormatException e) {
            return Result.refused(StoreStatus.MALFORMED, "entry: " + e.getMessage());
        }
        EntryContent c = entry.content();
        if (!c.key().equals(key)) {
            return Result.refused(StoreStatus.WRONG_KEY, "entry names key " + c.key() + ", stored under " + key);
        }
        if (c.expiredAt(now)) {
            return Result.refused(StoreStatus.EXPIRED, "expired at " + c.expiresAt() + ", now " + now);
        }
        return switch (c.kind()) {
            case BINDING -> inspectBinding(now, key, entry, bytes);
            case MAP_VALUE -> inspectMapValue(entry, bytes);
        };
    }

    private Result inspectBinding(long now, NodeId key, SignedEntry entry, byte[] bytes) {
        EntryContent c = entry.content();
        Aor aor;
        Binding binding = null;
        try {
            if (c.tombstone()) {
                aor = BindingCodec.decodeTombstone(c.payload());
            } else {
                binding = BindingCodec.decode(c.payload());
                aor = binding.aor();
            }
        } catch (EntryFormatException e) {
            return Result.refused(StoreStatus.MALFORMED, (c.tombstone() ? "binding tombstone: " : "binding: ") + e.getMessage());
        }
        NodeId aorKey = aor.dhtKey();
        if (!aorKey.equals(key)) {
            return Result.refused(StoreStatus.WRONG_KEY, "key " + key + " is not the key of " + aor + " (" + aorKey + ")");
        }
        if (binding != null && !binding.device().equals(c.slot())) {
            return Result.refused(StoreStatus.MALFORMED, "slot " + c.slot() + " is not the device " + binding.device());
        }
        if (aor.selfCertifyingFingerprint().isPresent() && !aor.isCertifiedBy(c.owner())) {
            return Result.refused(StoreStatus.UNTRUSTED_OWNER, aor + " is self-certifying; owner key " + c.owner().fingerprint() + " is not its key");
        }
        String domainRefusal = anchors.refusal(aor, c.owner(), c.certificate(), now);
        if (domainRefusal != null) return Result.refused(StoreStatus.UNTRUSTED_OWNER, domainRefusal);
        return new Result(new ValidEntry(entry, bytes, aor, binding), null);
    }

    private static Result inspectMapValue(SignedEntry entry, byte[] bytes) {
        EntryContent c = entry.content();
        byte[] payload = c.payload();
        if (c.tombstone()) {
            if (payload.length != 0) return Result.refused(StoreStatus.MALFORMED, "map tombstone with a payload");
        } else if (!NodeId.sha256Prefix(payload).equals(c.slot())) {
            return Result.refused(StoreStatus.MALFORMED, "map value slot " + c.slot() + " is not the hash of the value");
        }
        return new Result(new ValidEntry(entry, bytes, null, null), null);
    }

    /** The Ed25519 check, kept separate so a storing node can refuse cheaply (stale seq) before it. */
    public StoreOutcome verify(ValidEntry e) {
        return verifier.verify(e.entry())
                ? StoreOutcome.STORED
                : StoreOutcome.refused(StoreStatus.BAD_SIGNATURE, "signature does not verify with owner key " + e.owner().fingerprint());
    }

    /** {@link #inspect} then {@link #verify}: what a reader runs on every value. */
    public Result check(long now, NodeId key, byte[] bytes) {
        Result r = inspect(now, key, bytes);
        if (!r.valid()) return r;
        StoreOutcome sig = verify(r.entry());
        return sig.stored() ? r : new Result(null, sig);
    }
}
