package io.peerdial.p2p.route;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.p2p.base.WireFormatException;
import io.peerdial.p2p.base.WireFormatException.Reason;
import java.util.Arrays;

/**
 * The bytes of a {@link RouteDatagram}: {@code version(1)=1 | key(20) | payload(rest)}, at most
 * {@link #MAX_BYTES}. Decoding rejects anything else with a {@link WireFormatException}.
 */
public final class RouteCodec {

    /** The only version this codec reads and writes. */
    public static final int VERSION = 1;
    /** Bytes before the payload. */
    public static final int HEADER_BYTES = 1 + NodeId.BYTES;
    /** Largest encoding (it must fit one APP_REQUEST). */
    public static final int MAX_BYTES = io.peerdial.overlay.wire.AppRequest.MAX_PAYLOAD;

    private RouteCodec() {}

    /** The bytes of {@code d}. */
    public static byte[] encode(RouteDatagram d) {
        byte[] payload = d.payload();
        byte[] out = new byte[HEADER_BYTES + payload.length];
        out[0] = VERSION;
        d.key().writeTo(out, 1);
        System.arraycopy(payload, 0, out, HEADER_BYTES, payload.length);
        return out;
    }

    /** Parses peer input; anything but a valid datagram is a {@link WireFormatException} with its reason. */
    public static RouteDatagram decode(byte[] bytes) throws WireFormatException {
        if (bytes.length > MAX_BYTES) throw new WireFormatException(Reason.TOO_LONG, bytes.length + " bytes, at most " + MAX_BYTES);
        if (bytes.length < HEADER_BYTES) throw new WireFormatException(Reason.TOO_SHORT, bytes.length + " bytes, at least " + HEADER_BYTES);
        if (bytes[0] != VERSION) throw new WireFormatException(Reason.BAD_VERSION, "version " + (bytes[0] & 0xFF));
        return new RouteDatagram(NodeId.fromBytes(bytes, 1), Arrays.copyOfRange(bytes, HEADER_BYTES, bytes.length));
    }
}
