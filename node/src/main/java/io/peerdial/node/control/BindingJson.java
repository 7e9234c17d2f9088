package io.peerdial.node.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerdial.location.binding.Binding;
import io.peerdial.location.binding.BindingContact;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.location.read.VerifiedBinding;
import io.peerdial.location.trust.TrustLevel;
import java.util.List;
import java.util.Locale;

/**
 * Bindings as JSON, as {@code peerdial lookup} prints them and {@code POST /bindings} answers:
 * {@code aor, owner (fingerprint), ownerKey (hex), device, reachability, contacts[], seq, expiresAt, trust}.
 */
public final class BindingJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BindingJson() {}

    /** {@code self-certified}, {@code domain}, {@code pinned}, {@code unpinned}, ... */
    public static String trustName(TrustLevel level) {
        return level == TrustLevel.SELF_CERTIFIED ? "self-certified" : level.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ObjectNode of(Binding b, OwnerKey owner, long seq, long expiresAt, String trust) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("aor", b.aor().toString());
        o.put("owner", owner.fingerprint());
        o.put("ownerKey", owner.toHex());
        o.put("device", b.device().toHex());
        o.put("reachability", b.reachability().name());
        ArrayNode contacts = o.putArray("contacts");
        for (BindingContact c : b.contacts()) {
            ObjectNode j = contacts.addObject();
            j.put("transport", c.transport().name().toLowerCase(Locale.ROOT));
            j.put("address", c.address().getHostAddress());
            j.put("port", c.port());
            if (c.isRendezvous()) j.put("rendezvous", c.rendezvous().toHex());
        }
        o.put("seq", Long.toUnsignedString(seq));
        o.put("expiresAt", expiresAt);
        if (trust != null) o.put("trust", trust);
        return o;
    }

    public static String array(List<VerifiedBinding> bindings) {
        ArrayNode a = MAPPER.createArrayNode();
        for (VerifiedBinding v : bindings) a.add(of(v.binding(), v.owner(), v.seq(), v.expiresAt(), trustName(v.trust())));
        return bindings.isEmpty() ? "[]" : a.toPrettyString();
    }
}
