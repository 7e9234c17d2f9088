package io.peerdial.node.sip;

import java.util.Objects;

/**
 * The parts of an inter-node SIP request a node signature covers (docs/SIP.md): everything that
 * decides where the request goes and which dialog/transaction it belongs to, plus the body.
 * {@code from}/{@code to} are the URI followed by {@code ;tag=} when there is a tag; {@code cseq}
 * is "NUMBER METHOD". Strings as the SIP stack encodes them (the same library on both sides).
 */
public record SignedFields(String method, String requestUri, String from, String to, String callId, String cseq, byte[] body) {

    public SignedFields {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(requestUri, "requestUri");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(cseq, "cseq");
        body = body == null ? new byte[0] : body.clone();
    }

    /** "URI" or "URI;tag=TAG" as used for From and To. */
    public static String party(String uri, String tag) {
        return tag == null || tag.isEmpty() ? uri : uri + ";tag=" + tag;
    }

    /** The body without a copy, for hashing inside this package only. */
    byte[] bodyUnsafe() {
        return body;
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
