package io.peerdial.node.media.sdp;

import java.util.List;
import java.util.Objects;

/**
 * An immutable session description (RFC 8866 §5): origin, session name, the session-level
 * connection address (null when every media section has its own), session-level attributes other
 * than the direction (which is folded into each media section), and the media sections in order.
 * Lines this package does not model (i=, u=, e=, p=, b=, t=, r=, z=, k=) are dropped on parsing;
 * the writer emits {@code t=0 0}.
 */
public record SessionDescription(Origin origin, String sessionName, String connection, List<Attribute> attributes,
                                 List<MediaDescription> media) {
    public SessionDescription {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(sessionName, "sessionName");
        if (sessionName.isEmpty() || !SdpText.isLineSafe(sessionName)) throw new IllegalArgumentException("bad session name");
        if (connection != null && !SdpText.isField(connection)) throw new IllegalArgumentException("bad connection address");
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
    }

    public SessionDescription withOrigin(Origin o) {
        return new SessionDescription(o, sessionName, connection, attributes, media);
    }

    public SessionDescription withMedia(List<MediaDescription> m) {
        return new SessionDescription(origin, sessionName, connection, attributes, m);
    }

    @Override
    public String toString() {
        return SdpWriter.write(this);
    }
}
