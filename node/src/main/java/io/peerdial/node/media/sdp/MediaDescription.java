package io.peerdial.node.media.sdp;

import java.util.List;
import java.util.Objects;

/**
 * One {@code m=} section (RFC 8866 §5.14) with what this package interprets of its attributes.
 * {@code connection}: its own {@code c=} address, or null to use the session's. {@code direction} is
 * the effective one (a session-level direction applies when the section has none, RFC 8866 §6.7).
 * {@code ptime}: milliseconds, 0 when absent. {@code attributes}: every other {@code a=} line, in order.
 * A port of 0 marks a rejected or disabled stream (RFC 3264 §6).
 */
public record MediaDescription(String media, int port, String proto, List<Format> formats, String connection,
                               MediaDirection direction, boolean rtcpMux, int ptime, List<Attribute> attributes) {

    public static final String RTP_AVP = "RTP/AVP";

    public MediaDescription {
        if (!SdpText.isField(Objects.requireNonNull(media, "media"))) throw new IllegalArgumentException("bad media type");
        if (!SdpText.isField(Objects.requireNonNull(proto, "proto"))) throw new IllegalArgumentException("bad proto");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port 0..65535: " + port);
        if (connection != null && !SdpText.isField(connection)) throw new IllegalArgumentException("bad connection address");
        Objects.requireNonNull(direction, "direction");
        if (ptime < 0) throw new IllegalArgumentException("negative ptime");
        formats = List.copyOf(formats);
        if (formats.isEmpty()) throw new IllegalArgumentException("an m= line needs at least one format (RFC 8866 §5.14)");
        attributes = List.copyOf(attributes);
    }

    public boolean isRejected() {
        return port == 0;
    }

    /** The connection address that applies to this section: its own, else the session's (may be null). */
    public String connectionOr(String sessionConnection) {
        return connection != null ? connection : sessionConnection;
    }

    public MediaDescription withPort(int newPort) {
        return new MediaDescription(media, newPort, proto, formats, connection, direction, rtcpMux, ptime, attributes);
    }

    public MediaDescription withDirection(MediaDirection d) {
        return new MediaDescription(media, port, proto, formats, connection, d, rtcpMux, ptime, attributes);
    }

    /** Values of the other attributes with this name, in order (e.g. every {@code candidate}). */
    public List<String> attributeValues(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).map(a -> a.value() == null ? "" : a.value()).toList();
    }
}
