package io.peerdial.location.binding;

import io.peerdial.location.entry.EntryContent;
import io.peerdial.location.entry.EntryKind;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.location.entry.SignedEntry;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;

/**
 * Signs bindings and binding tombstones as entries: key = the AOR's DHT key, slot = the device.
 * A tombstone should expire no earlier than the binding it removes, so that no holder can hand
 * the removed binding out again after the tombstone is gone.
 */
public final class BindingEntries {

    private BindingEntries() {}

    /**
     * @param certificate an encoded domain certificate, or empty
     */
    public static SignedEntry sign(NodeKeyPair owner, Binding binding, long seq, long issuedAt, long expiresAt, byte[] certificate) {
        var content = new EntryContent(EntryKind.BINDING, binding.aor().dhtKey(), OwnerKey.of(owner), binding.device(),
                seq, issuedAt, expiresAt, false, BindingCodec.encode(binding), certificate);
        return SignedEntry.sign(owner, content);
    }

    public static SignedEntry sign(NodeKeyPair owner, Binding binding, long seq, long issuedAt, long expiresAt) {
        return sign(owner, binding, seq, issuedAt, expiresAt, new byte[0]);
    }

    /** A signed removal of the binding of {@code device} under {@code aor}; {@code seq} must exceed the binding's. */
    public static SignedEntry tombstone(NodeKeyPair owner, Aor aor, NodeId device, long seq, long issuedAt, long expiresAt, byte[] certificate) {
        var content = new EntryContent(EntryKind.BINDING, aor.dhtKey(), OwnerKey.of(owner), device,
                seq, issuedAt, expiresAt, true, BindingCodec.encodeTombstone(aor), certificate);
        return SignedEntry.sign(owner, content);
    }
}
