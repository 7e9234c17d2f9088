package io.peerdial.node.media.ice;

/** The candidate types of RFC 8445 §5.1.1, by their RFC 8839 §5.1 {@code cand-type} token. */
public enum CandidateKind {
    HOST("host"), SRFLX("srflx"), PRFLX("prflx"), RELAY("relay");

    private final String token;

    CandidateKind(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    /** The kind named by {@code token} (case-sensitive, as in the ABNF literals of RFC 8839), or null. */
    static CandidateKind ofToken(String token) {
        for (CandidateKind k : values()) {
            if (k.token.equals(token)) {
                return k;
            }
        }
        return null;
    }
}
