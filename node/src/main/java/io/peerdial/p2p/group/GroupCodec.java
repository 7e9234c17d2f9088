package io.peerdial.p2p.group;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.p2p.base.WireFormatException;
import io.peerdial.p2p.base.WireFormatException.Reason;
import java.util.Arrays;

/**
 * The bytes of a {@link GroupDatagram}, big-endian:
 * {@code version(1)=1 | kind(1): 0 ALL, 1 ANY | flags(1): bit 0 = limit present | group(20) | origin(20)
 * | messageId(8) | [limit(20)] | payload(rest)}, at most {@link #MAX_BYTES}. Unknown flag bits, an ANY
 * message with a limit, and every other deviation are refused with a {@link WireFormatException}.
 */
public final class GroupCodec {

    public static final int VERSION = 1;
    static final int FIXED_BYTES = 3 + 2 * NodeId.BYTES + 8;
    /** Header with a limit. */
    public static final int MAX_HEADER_BYTES = FIXED_BYTES + NodeId.BYTES;
    /** Largest encoding (one APP_REQUEST). */
    public static final int MAX_BYTES = io.peerdial.overlay.wire.AppRequest.MAX_PAYLOAD;
    private static final int HAS_LIMIT = 1;

    private GroupCodec() {}

    /** The bytes of {@code d}. */
    public static byte[] encode(GroupDatagram d) {
        byte[] payload = d.payload();
        int header = d.limit() == null ? FIXED_BYTES : MAX_HEADER_BYTES;
        byte[] out = new byte[header + payload.length];
        out[0] = VERSION;
        out[1] = (byte) d.kind().ordinal();
        out[2] = (byte) (d.limit() == null ? 0 : HAS_LIMIT);
        d.group().writeTo(out, 3);
        d.origin().writeTo(out, 3 + NodeId.BYTES);
        long id = d.messageId();
        for (int i = 0; i < 8; i++) out[3 + 2 * NodeId.BYTES + i] = (byte) (id >>> (56 - 8 * i));
        if (d.limit() != null) d.limit().writeTo(out, FIXED_BYTES);
        System.arraycopy(payload, 0, out, header, payload.length);
        return out;
    }

    /** Parses peer input; anything but a valid datagram is a {@link WireFormatException} with its reason. */
    public static GroupDatagram decode(byte[] bytes) throws WireFormatException {
        if (bytes.length > MAX_BYTES) throw new WireFormatException(Reason.TOO_LONG, bytes.length + " bytes, at most " + MAX_BYTES);
        if (bytes.length < FIXED_BYTES) throw new WireFormatException(Reason.TOO_SHORT, bytes.length + " bytes, at least " + FIXED_BYTES);
        if (bytes[0] != VERSION) throw new WireFormatException(Reason.BAD_VERSION, "version " + (bytes[0] & 0xFF));
        int kindCode = bytes[1] & 0xFF;
        if (kindCode >= GroupDatagram.Kind.values().length) throw new WireFormatException(Reason.BAD_KIND, "kind " + kindCode);
        GroupDatagram.Kind kind = GroupDatagram.Kind.values()[kindCode];
        int flags = bytes[2] & 0xFF;
        if ((flags & ~HAS_LIMIT) != 0) throw new WireFormatException(Reason.BAD_FLAGS, "unknown flags " + flags);
        boolean hasLimit = (flags & HAS_LIMIT) != 0;
        if (hasLimit && kind == GroupDatagram.Kind.ANY) throw new WireFormatException(Reason.BAD_FLAGS, "ANY with a limit");
        int header = hasLimit ? MAX_HEADER_BYTES : FIXED_BYTES;
        if (bytes.length < header) throw new WireFormatException(Reason.TOO_SHORT, bytes.length + " bytes, limit announced");
        long id = 0;
        for (int i = 0; i < 8; i++) id = id << 8 | bytes[3 + 2 * NodeId.BYTES + i] & 0xFF;
        return new GroupDatagram(kind, NodeId.fromBytes(bytes, 3), NodeId.fromBytes(bytes, 3 + NodeId.BYTES), id,
                hasLimit ? NodeId.fromBytes(bytes, FIXED_BYTES) : null, Arrays.copyOfRange(bytes, header, bytes.length));
    }
}
