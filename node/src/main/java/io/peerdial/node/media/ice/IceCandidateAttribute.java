package io.peerdial.node.media.ice;

import java.util.List;
import java.util.Objects;

/**
 * One {@code a=candidate} line (RFC 8839 §5.1). The connection address is kept as written (an IP
 * literal or an FQDN); {@link IceSession} uses only IP literals and never resolves names given by a
 * peer. {@code relatedAddress}/{@code relatedPort} are both present or both absent (null, -1).
 *
 * @param extensions {@code cand-extension} pairs in order, e.g. ("generation", "0")
 */
public record IceCandidateAttribute(String foundation, int componentId, String transport, long priority,
                                    String address, int port, CandidateKind type,
                                    String relatedAddress, int relatedPort, List<Extension> extensions) {

    /** One {@code extension-att-name SP extension-att-value} pair. */
    public record Extension(String name, String value) {
        public Extension {
            Objects.requireNonNull(name);
            Objects.requireNonNull(value);
        }
    }

    public IceCandidateAttribute {
        Objects.requireNonNull(foundation);
        Objects.requireNonNull(transport);
        Objects.requireNonNull(address);
        Objects.requireNonNull(type);
        if ((relatedAddress == null) != (relatedPort < 0)) {
            throw new IllegalArgumentException("raddr and rport go together");
        }
        extensions = List.copyOf(extensions);
    }

    /** A candidate without related address and extensions (host candidates). */
    public IceCandidateAttribute(String foundation, int componentId, String transport, long priority,
                                 String address, int port, CandidateKind type) {
        this(foundation, componentId, transport, priority, address, port, type, null, -1, List.of());
    }

    public boolean hasRelatedAddress() {
        return relatedAddress != null;
    }
}
