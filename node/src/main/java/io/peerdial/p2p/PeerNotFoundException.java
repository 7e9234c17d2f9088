package io.peerdial.p2p;

/**
 * No endpoint could be found for an address: the overlay holds no verified binding for it (SIP 404/604), or
 * none of its endpoints is reachable at its node now (480).
 */
public final class PeerNotFoundException extends P2PException {

    private final P2PAddress address;
    private final int sipStatus;

    public PeerNotFoundException(P2PAddress address, int sipStatus, String detail) {
        super("peer not found: " + address + " (" + sipStatus + " " + detail + ")");
        this.address = address;
        this.sipStatus = sipStatus;
    }

    public P2PAddress address() {
        return address;
    }

    /** The SIP status that told it (404, 480, 604). */
    public int sipStatus() {
        return sipStatus;
    }
}
