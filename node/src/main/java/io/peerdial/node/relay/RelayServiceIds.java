package io.peerdial.node.relay;

/**
 * Overlay service ids (APP_REQUEST, docs/PROTOCOL.md) of the relay exchanges. Payloads are the
 * relay module's codecs: {@code CredentialCodec} request/grant, {@code ReceiptCodec} receipt.
 */
public final class RelayServiceIds {
    /** CredentialRequest in, CredentialGrant out (io.peerdial.relay.credentials). */
    public static final int CREDENTIALS = 0x0101;
    /** SignedReceipt in, empty answer when kept; ERROR MALFORMED "REASON: detail" when refused. */
    public static final int RECEIPTS = 0x0102;
    /** Empty in, empty out: an RTT probe of a relay's node (RelaySelector.measured). */
    public static final int PROBE = 0x0103;

    private RelayServiceIds() {}
}
