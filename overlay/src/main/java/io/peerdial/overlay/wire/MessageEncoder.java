package io.peerdial.overlay.wire;

import io.peerdial.overlay.identity.NodeId;

/**
 * Body sizes and body writers, one pair per message type, mirroring {@link MessageDecoder}. Sizes
 * are computed first so that the codec can refuse an oversized message before writing anything.
 */
final class MessageEncoder {

    private MessageEncoder() {}

    /** Body bytes (after the 32-byte header); may exceed the datagram limit, the caller checks. */
    static int bodySize(Message message) {
        // a switch over the sealed type needs pattern matching (a preview in Java 17): dispatch on the type code
        return switch (message.type()) {
            case PING -> 0;
            case PONG -> WireWriter.addressSize(((Pong) message).observed());
            case FIND_NODE -> NodeId.BYTES;
            case NODES -> nodesSize((Nodes) message);
            case FIND_VALUE -> NodeId.BYTES + 2;
            case VALUES -> valuesSize((Values) message);
            case STORE -> NodeId.BYTES + 8 + 2 + ((Store) message).value().length;
            case STORE_RESULT -> storeResultSize((StoreResult) message);
            case AUTH_CHALLENGE -> AuthChallenge.NONCE_BYTES;
            case AUTH_PROOF -> WireWriter.addressSize(((AuthProof) message).observed())
                    + AuthProof.PUBLIC_KEY_BYTES + AuthProof.SIGNATURE_BYTES;
            case APP_REQUEST -> AppPayloads.bodySize(((AppRequest) message).payload());
            case APP_RESPONSE -> AppPayloads.bodySize(((AppResponse) message).payload());
            case ERROR -> 1 + 1 + ShortText.utf8(((ErrorMessage) message).detail(), "detail").length;
        };
    }

    private static int nodesSize(Nodes n) {
        return WireWriter.addressSize(n.observed()) + 8 + WireWriter.contactsSize(n.contacts());
    }

    private static int storeResultSize(StoreResult r) {
        return WireWriter.addressSize(r.observed()) + 1 + 1 + ShortText.utf8(r.detail(), "detail").length;
    }

    private static int valuesSize(Values v) {
        int size = WireWriter.addressSize(v.observed()) + 8 + WireWriter.contactsSize(v.contacts()) + 2 + 2 + 1;
        for (byte[] value : v.values()) size += 2 + value.length;
        return size;
    }

    static void body(Message message, WireWriter out) {
        switch (message.type()) {
            case PING -> { }
            case PONG -> out.address(((Pong) message).observed());
            case FIND_NODE -> out.nodeId(((FindNode) message).target());
            case NODES -> {
                Nodes n = (Nodes) message;
                out.address(n.observed());
                out.u64(n.writeToken());
                out.contacts(n.contacts());
            }
            case FIND_VALUE -> {
                FindValue f = (FindValue) message;
                out.nodeId(f.key());
                out.u16(f.startIndex());
            }
            case VALUES -> values((Values) message, out);
            case STORE -> {
                Store s = (Store) message;
                out.nodeId(s.key());
                out.u64(s.writeToken());
                out.u16(s.value().length);
                out.bytes(s.value());
            }
            case STORE_RESULT -> {
                StoreResult r = (StoreResult) message;
                out.address(r.observed());
                out.u8(r.status());
                out.shortText(ShortText.utf8(r.detail(), "detail"));
            }
            case AUTH_CHALLENGE -> out.bytes(((AuthChallenge) message).nonce());
            case AUTH_PROOF -> {
                AuthProof p = (AuthProof) message;
                out.address(p.observed());
                out.bytes(p.publicKey());
                out.bytes(p.signature());
            }
            case APP_REQUEST -> {
                AppRequest r = (AppRequest) message;
                appBody(r.service(), r.payload(), out);
            }
            case APP_RESPONSE -> {
                AppResponse r = (AppResponse) message;
                appBody(r.service(), r.payload(), out);
            }
            case ERROR -> {
                ErrorMessage e = (ErrorMessage) message;
                out.u8(e.code().code);
                out.shortText(ShortText.utf8(e.detail(), "detail"));
            }
        }
    }

    private static void appBody(int service, byte[] payload, WireWriter out) {
        out.u16(service);
        out.u16(payload.length);
        out.bytes(payload);
    }

    private static void values(Values v, WireWriter out) {
        out.address(v.observed());
        out.u64(v.writeToken());
        out.contacts(v.contacts());
        out.u16(v.totalValues());
        out.u16(v.startIndex());
        out.u8(v.values().size());
        for (byte[] value : v.values()) {
            out.u16(value.length);
            out.bytes(value);
        }
    }
}
