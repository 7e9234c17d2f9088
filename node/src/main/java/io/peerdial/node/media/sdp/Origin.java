package io.peerdial.node.media.sdp;

import java.util.Objects;

/**
 * The {@code o=} line (RFC 8866 §5.2): {@code sessionId} and {@code version} are digit strings
 * kept as {@code long}s; the version goes up by one with every changed description (RFC 3264 §8).
 */
public record Origin(String username, long sessionId, long version, String addressType, String address) {
    public Origin {
        for (String f : new String[] {username, addressType, address}) {
            if (!SdpText.isField(Objects.requireNonNull(f, "origin field"))) throw new IllegalArgumentException("bad origin field: " + f);
        }
        if (sessionId < 0 || version < 0) throw new IllegalArgumentException("negative session id or version");
    }

    public Origin nextVersion() {
        return new Origin(username, sessionId, version + 1, addressType, address);
    }
}
