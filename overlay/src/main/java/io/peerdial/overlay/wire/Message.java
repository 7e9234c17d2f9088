package io.peerdial.overlay.wire;

/**
 * One overlay datagram, decoded. Requests carry a fresh transaction id; responses echo it.
 * Every encoded message is at most {@link MessageCodec#MAX_DATAGRAM} bytes.
 */
public sealed interface Message permits Message.Request, Message.Response {

    Header header();

    /** The wire type code (docs/PROTOCOL.md, "Message types"). */
    MessageType type();

    sealed interface Request extends Message permits Ping, FindNode, FindValue, Store, AuthChallenge, AppRequest {}

    sealed interface Response extends Message permits Pong, Nodes, Values, StoreResult, AuthProof, AppResponse, ErrorMessage {}
}
