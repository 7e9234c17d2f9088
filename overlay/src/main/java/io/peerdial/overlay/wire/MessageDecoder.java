package io.peerdial.overlay.wire;

import io.peerdial.overlay.identity.NodeId;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One method per message body (docs/PROTOCOL.md, "Message types"). Each reads its fields in wire
 * order and checks every rule a record constructor would enforce before calling it, so that a
 * peer's bytes can only ever produce a {@link WireException}.
 */
final class MessageDecoder {

    private MessageDecoder() {}

    static Message body(MessageType type, Header header, WireReader in) throws WireException {
        return switch (type) {
            case PING -> new Ping(header);
            case PONG -> new Pong(header, in.address("observed"));
            case FIND_NODE -> new FindNode(header, in.nodeId("target"));
            case NODES -> nodes(header, in);
            case FIND_VALUE -> findValue(header, in);
            case VALUES -> values(header, in);
            case STORE -> store(header, in);
            case STORE_RESULT -> storeResult(header, in);
            case AUTH_CHALLENGE -> new AuthChallenge(header, in.bytes(AuthChallenge.NONCE_BYTES, "nonce"));
            case AUTH_PROOF -> authProof(header, in);
            case APP_REQUEST -> new AppRequest(header, in.u16("service"), appPayload(in));
            case APP_RESPONSE -> new AppResponse(header, in.u16("service"), appPayload(in));
            case ERROR -> error(header, in);
        };
    }

    private static Nodes nodes(Header header, WireReader in) throws WireException {
        InetSocketAddress observed = in.address("observed");
        long writeToken = in.u64("write token");
        return new Nodes(header, observed, writeToken, in.contacts());
    }

    private static FindValue findValue(Header header, WireReader in) throws WireException {
        NodeId key = in.nodeId("key");
        return new FindValue(header, key, in.u16("start index"));
    }

    private static Values values(Header header, WireReader in) throws WireException {
        InetSocketAddress observed = in.address("observed");
        long writeToken = in.u64("write token");
        List<Contact> contacts = in.contacts();
        int totalValues = in.u16("total values");
        int startIndex = in.u16("start index");
        int count = in.u8("value count");
        if (startIndex + count > totalValues) {
            throw new WireException(WireException.Reason.BAD_FIELD, "values [" + startIndex + ", "
                    + (startIndex + count) + ") exceed total " + totalValues);
        }
        List<byte[]> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = in.u16("value length");
            values.add(in.bytes(length, "value"));
        }
        return new Values(header, observed, writeToken, contacts, totalValues, startIndex, values);
    }

    private static Store store(Header header, WireReader in) throws WireException {
        NodeId key = in.nodeId("key");
        long writeToken = in.u64("write token");
        int length = in.u16("value length");
        if (length == 0) {
            throw new WireException(WireException.Reason.BAD_FIELD, "empty value");
        }
        return new Store(header, key, writeToken, in.bytes(length, "value"));
    }

    private static StoreResult storeResult(Header header, WireReader in) throws WireException {
        InetSocketAddress observed = in.address("observed");
        int status = in.u8("status");
        return new StoreResult(header, observed, status, in.shortText("detail"));
    }

    private static AuthProof authProof(Header header, WireReader in) throws WireException {
        InetSocketAddress observed = in.address("observed");
        byte[] publicKey = in.bytes(AuthProof.PUBLIC_KEY_BYTES, "public key");
        return new AuthProof(header, observed, publicKey, in.bytes(AuthProof.SIGNATURE_BYTES, "signature"));
    }

    private static byte[] appPayload(WireReader in) throws WireException {
        int length = in.u16("payload length");
        if (length > AppRequest.MAX_PAYLOAD) { // cannot fit a datagram: the read would fail as TRUNCATED, say why
            throw new WireException(WireException.Reason.BAD_FIELD, "payload length " + length + " > " + AppRequest.MAX_PAYLOAD);
        }
        return in.bytes(length, "payload");
    }

    private static ErrorMessage error(Header header, WireReader in) throws WireException {
        int code = in.u8("error code");
        ErrorMessage.ErrorCode errorCode = ErrorMessage.ErrorCode.ofCode(code);
        if (errorCode == null) {
            throw new WireException(WireException.Reason.BAD_FIELD, "unknown error code " + code);
        }
        return new ErrorMessage(header, errorCode, in.shortText("detail"));
    }
}
