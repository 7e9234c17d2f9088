package io.peerdial.node.phone;

/** A snapshot of one call for {@code calls} / {@code status}. */
public record CallInfo(int id, boolean outgoing, String peer, CallState state, int finalStatus, MediaStats media) {
    @Override
    public String toString() {
        return "call " + id + " " + (outgoing ? "to " : "from ") + peer + " " + state.name().toLowerCase(java.util.Locale.ROOT)
                + (finalStatus == 0 ? "" : " " + finalStatus) + ", media " + media;
    }
}
