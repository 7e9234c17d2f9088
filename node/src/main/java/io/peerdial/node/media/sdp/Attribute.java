package io.peerdial.node.media.sdp;

import java.util.Objects;

/** An {@code a=name[:value]} line (RFC 8866 §5.13); {@code value} is null for a property attribute. */
public record Attribute(String name, String value) {
    public Attribute {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || !SdpText.isToken(name)) throw new IllegalArgumentException("bad attribute name: " + name);
        if (value != null && !SdpText.isLineSafe(value)) throw new IllegalArgumentException("attribute value with CR/LF/NUL");
    }

    public static Attribute flag(String name) {
        return new Attribute(name, null);
    }

    @Override
    public String toString() {
        return value == null ? name : name + ":" + value;
    }
}
