package io.peerdial.node.sip;

import io.peerdial.location.binding.Aor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The phones registered to this node: AOR → contacts with their expiry (RFC 3261 §10.3). The DHT
 * binding says "AOR is at this node"; this table says which local phone(s) to ring. Sans-IO:
 * every call takes {@code now}; not thread-safe (the SIP service guards it).
 */
public final class LocalRegistrar {

    /** Most contacts one AOR may register on this node (each one is rung on an inbound call). */
    public static final int MAX_CONTACTS_PER_AOR = 8;
    /** Most AORs this node serves. */
    public static final int MAX_AORS = 10_000;

    /** What a REGISTER changed for its AOR: the DHT binding is published on FIRST and withdrawn on LAST_GONE. */
    public enum Change { FIRST, REFRESHED, LAST_GONE, NONE }

    public record Registration(String contactUri, long expiresAt) {}

    private final Map<Aor, LinkedHashMap<String, Long>> table = new HashMap<>();

    /**
     * Adds or refreshes (expiresSeconds &gt; 0) or removes (0) one contact of {@code aor}.
     *
     * @throws IllegalStateException when the AOR or the node is full (answered 503)
     */
    public Change register(long now, Aor aor, String contactUri, long expiresSeconds) {
        Objects.requireNonNull(aor, "aor");
        Objects.requireNonNull(contactUri, "contactUri");
        if (expiresSeconds < 0) throw new IllegalArgumentException("negative expiry");
        boolean hadAny = !contacts(now, aor).isEmpty();
        if (expiresSeconds == 0) {
            LinkedHashMap<String, Long> c = table.get(aor);
            if (c != null) c.remove(contactUri);
            return hadAny && contacts(now, aor).isEmpty() ? Change.LAST_GONE : Change.NONE;
        }
        if (!table.containsKey(aor) && table.size() >= MAX_AORS) throw new IllegalStateException("registrar full");
        LinkedHashMap<String, Long> c = table.computeIfAbsent(aor, a -> new LinkedHashMap<>());
        if (!c.containsKey(contactUri) && c.size() >= MAX_CONTACTS_PER_AOR) {
            throw new IllegalStateException(aor + " has " + MAX_CONTACTS_PER_AOR + " contacts already");
        }
        c.put(contactUri, now + expiresSeconds * 1000);
        return hadAny ? Change.REFRESHED : Change.FIRST;
    }

    /** Removes every contact of {@code aor} (REGISTER with "Contact: *" and Expires: 0). */
    public Change removeAll(long now, Aor aor) {
        boolean hadAny = !contacts(now, aor).isEmpty();
        table.remove(aor);
        return hadAny ? Change.LAST_GONE : Change.NONE;
    }

    /** The live contacts of {@code aor} (expired ones are dropped). */
    public List<Registration> contacts(long now, Aor aor) {
        LinkedHashMap<String, Long> c = table.get(aor);
        if (c == null) return List.of();
        c.values().removeIf(expiry -> expiry <= now);
        if (c.isEmpty()) {
            table.remove(aor);
            return List.of();
        }
        List<Registration> out = new ArrayList<>(c.size());
        c.forEach((uri, expiry) -> out.add(new Registration(uri, expiry)));
        return out;
    }

    /** Drops expired contacts; returns the AORs that have none left (their bindings are withdrawn). */
    public List<Aor> expire(long now) {
        List<Aor> gone = new ArrayList<>();
        for (Aor aor : List.copyOf(table.keySet())) {
            if (contacts(now, aor).isEmpty()) gone.add(aor);
        }
        return gone;
    }

    /** Number of registered AORs with at least one live contact (as of the last call). */
    public int size() {
        return table.size();
    }
}
