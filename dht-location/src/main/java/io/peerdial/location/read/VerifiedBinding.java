package io.peerdial.location.read;

import io.peerdial.location.binding.Binding;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.location.trust.TrustLevel;

/** A binding whose signature, key, expiry and trust a reader checked: what a call forks to. */
public record VerifiedBinding(Binding binding, OwnerKey owner, long seq, long issuedAt, long expiresAt, TrustLevel trust) {}
