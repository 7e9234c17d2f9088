package io.peerdial.node.sip;

import io.peerdial.location.binding.Aor;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which AORs a node publishes bindings for when its local phones register (`peerdial node --serve`):
 * any (the default), or only the listed domains and AORs. A REGISTER for another AOR gets 403 and
 * nothing is published, so a phone on the host cannot make the node sign bindings for names its
 * operator does not serve (RFC 3261 §10.3 step 6: the registrar decides whom it accepts bindings for).
 */
public final class ServedAors {

    /** Every AOR: what a node serves unless told otherwise. */
    public static final ServedAors ANY = new ServedAors(Set.of(), Set.of());

    private final Set<String> domains;
    private final Set<Aor> aors;

    private ServedAors(Set<String> domains, Set<Aor> aors) {
        this.domains = domains;
        this.aors = aors;
    }

    /**
     * From entries such as {@code example.org} (a domain: every AOR in it) or
     * {@code sip:alice@example.org} (one AOR). Empty: {@link #ANY}.
     *
     * @throws IllegalArgumentException naming the entry that is neither
     */
    public static ServedAors of(List<String> entries) {
        if (entries.isEmpty()) return ANY;
        Set<String> domains = new TreeSet<>();
        Set<Aor> aors = new java.util.HashSet<>();
        for (String entry : entries) {
            String e = entry.strip();
            if (e.regionMatches(true, 0, "sip:", 0, 4)) {
                aors.add(Aor.parse(e)); // its own IllegalArgumentException says what is wrong
            } else if (e.matches("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
                domains.add(e.toLowerCase(Locale.ROOT));
            } else {
                throw new IllegalArgumentException("'" + entry + "' is neither a domain (example.org) nor an AOR (sip:alice@example.org)");
            }
        }
        return new ServedAors(Set.copyOf(domains), Set.copyOf(aors));
    }

    public boolean serves(Aor aor) {
        if (this == ANY || domains.isEmpty() && aors.isEmpty()) return true;
        return aors.contains(aor) || domains.contains(aor.host().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        if (domains.isEmpty() && aors.isEmpty()) return "any AOR";
        TreeSet<String> all = new TreeSet<>(domains);
        aors.forEach(a -> all.add(a.toString()));
        return String.join(", ", all);
    }
}
