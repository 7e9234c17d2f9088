package io.peerdial.node.media.turn;

import io.peerdial.node.media.turn.TapParseException.Reason;
import io.peerdial.overlay.stun.StunException;
import io.peerdial.overlay.stun.StunMessage;
import io.peerdial.overlay.stun.XorMappedAddress;
import io.peerdial.relay.turn.ChannelData;
import io.peerdial.relay.turn.ChannelDataException;
import io.peerdial.relay.turn.TurnAttributeTypes;
import io.peerdial.relay.turn.TurnAttributes;
import io.peerdial.relay.turn.XorRelayedAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one client↔server flow of the tap (one TURN allocation: RFC 8656 §2.2, one 5-tuple) carried:
 * application bytes each way and the allocation's addresses. Reads each datagram in place (the UDP
 * form: ChannelData padding already stripped or absent) and never changes it:
 * <ul>
 * <li>client → server: Send indication DATA (RFC 8656 §11.1) and ChannelData payloads (§12.4)
 *     count as bytes to peers;</li>
 * <li>server → client: Data indication DATA (§11.4) and ChannelData payloads count as bytes to the
 *     client; an Allocate success response (§7.3) gives XOR-RELAYED-ADDRESS (§18.5) and
 *     XOR-MAPPED-ADDRESS (RFC 8489 §14.2).</li>
 * <li>a Refresh request with LIFETIME 0 that the server confirms deletes the allocation (§8.2): the
 *     count ends there, as the server's does. What the client sent after that request reached no
 *     allocation and is taken back; nothing more counts either way.</li>
 * </ul>
 * Everything else (requests, other responses, ICE keep-alives) passes uncounted. A datagram that
 * does not parse is counted as malformed, by reason, and nothing else; no method throws on any input.
 *
 * <p>One thread writes (the tap's); any thread may read: the fields are volatile, and only the
 * writer increments them.
 */
public final class AllocationMeter {
    private static final int SEND_INDICATION = 0x0016;  // RFC 8656 §17: Send, class indication
    private static final int DATA_INDICATION = 0x0017;  // Data, class indication
    private static final int ALLOCATE_SUCCESS = 0x0103; // Allocate, class success response
    private static final int REFRESH_REQUEST = 0x0004;  // RFC 8656 §8
    private static final int REFRESH_SUCCESS = 0x0104;
    private static final int REFRESH_ERROR = 0x0114;
    private static final int TRANSACTION_ID = 8;        // RFC 8489 §5: offset of the 96-bit transaction ID
    private static final int TRANSACTION_ID_BYTES = 12;

    private volatile long bytesToPeers;
    private volatile long bytesToClient;
    private volatile long datagramsToServer;
    private volatile long datagramsToClient;
    private volatile long malformed;
    private volatile InetSocketAddress relayed;
    private volatile InetSocketAddress mapped;
    private final Map<Reason, Long> malformedByReason = new EnumMap<>(Reason.class); // writer thread only
    private byte[] deletion;            // writer thread only: the pending Refresh(0)'s transaction ID, or null
    private long bytesToPeersAtDeletion; // bytesToPeers when that request went out
    private volatile boolean deleted;

    /** A datagram ice4j sent towards the server. */
    public void fromClient(byte[] b, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, b.length);
        datagramsToServer++;
        if (deleted) {
            return; // the server relays nothing more for this allocation
        }
        try {
            int payload = payloadLength(b, offset, length, SEND_INDICATION);
            if (payload == 0 && TurnFraming.isStun(b[offset]) && isDeletionRequest(b, offset, length) && !isPendingDeletion(b, offset)) {
                deletion = Arrays.copyOfRange(b, offset + TRANSACTION_ID, offset + TRANSACTION_ID + TRANSACTION_ID_BYTES);
                bytesToPeersAtDeletion = bytesToPeers;
            }
            bytesToPeers += payload;
        } catch (TapParseException e) {
            countMalformed(e.reason());
        }
    }

    /** A datagram the server sent towards ice4j. */
    public void fromServer(byte[] b, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, b.length);
        datagramsToClient++;
        if (deleted) {
            return;
        }
        try {
            int type = length >= TurnFraming.STUN_HEADER && TurnFraming.isStun(b[offset]) ? TurnFraming.readShort(b, offset) : -1;
            if (type == ALLOCATE_SUCCESS) {
                readAllocateSuccess(b, offset, length);
                return;
            }
            if ((type == REFRESH_SUCCESS || type == REFRESH_ERROR) && isPendingDeletion(b, offset)) {
                deletion = null; // an error (401, 438): the allocation lives on, and ice4j may ask again
                if (type == REFRESH_SUCCESS) {
                    bytesToPeers = bytesToPeersAtDeletion; // sent after the request: it met no allocation
                    deleted = true;
                }
                return;
            }
            bytesToClient += payloadLength(b, offset, length, DATA_INDICATION);
        } catch (TapParseException e) {
            countMalformed(e.reason());
        }
    }

    /**
     * Application bytes in one datagram: a ChannelData payload, the DATA of an indication of type
     * {@code indication}, or 0 for any other well-formed STUN message.
     */
    static int payloadLength(byte[] b, int offset, int length, int indication) throws TapParseException {
        if (length < 1) {
            throw new TapParseException(Reason.TRUNCATED, "empty datagram");
        }
        if (TurnFraming.isChannelData(b[offset])) {
            try {
                return ChannelData.validate(b, offset, length, 0xFFFF); // RFC 8656 §12.4, padding after it allowed
            } catch (ChannelDataException e) {
                throw new TapParseException(Reason.TRUNCATED, e.getMessage());
            }
        }
        if (!TurnFraming.isStun(b[offset])) {
            throw new TapParseException(Reason.NOT_TURN, String.format("first byte 0x%02X", b[offset] & 0xFF));
        }
        checkStunHeader(b, offset, length);
        if (TurnFraming.readShort(b, offset) != indication) {
            return 0;
        }
        int data = findAttribute(b, offset, length, TurnAttributeTypes.DATA);
        if (data < 0) {
            throw new TapParseException(Reason.MISSING_DATA, "indication without DATA");
        }
        return TurnFraming.readShort(b, data + 2);
    }

    /** A Refresh request (already checked to be well-formed STUN) whose LIFETIME is 0 (RFC 8656 §8.1). */
    private static boolean isDeletionRequest(byte[] b, int offset, int length) throws TapParseException {
        if (TurnFraming.readShort(b, offset) != REFRESH_REQUEST) {
            return false;
        }
        int lifetime = findAttribute(b, offset, length, TurnAttributeTypes.LIFETIME);
        return lifetime >= 0 && TurnFraming.readShort(b, lifetime + 2) == 4 && TurnFraming.readInt(b, lifetime + 4) == 0;
    }

    /** True if the STUN message at {@code offset} (20 bytes at least) carries the pending Refresh(0)'s transaction ID. */
    private boolean isPendingDeletion(byte[] b, int offset) {
        int from = offset + TRANSACTION_ID;
        return deletion != null && Arrays.equals(deletion, 0, TRANSACTION_ID_BYTES, b, from, from + TRANSACTION_ID_BYTES);
    }

    /** RFC 8489 §5: 20-byte header, magic cookie, a length that is a multiple of 4 and fills the datagram. */
    private static void checkStunHeader(byte[] b, int offset, int length) throws TapParseException {
        if (length < TurnFraming.STUN_HEADER) {
            throw new TapParseException(Reason.TRUNCATED, length + " bytes, STUN header needs 20");
        }
        if (TurnFraming.readInt(b, offset + 4) != TurnFraming.MAGIC_COOKIE) {
            throw new TapParseException(Reason.BAD_STUN, "no magic cookie");
        }
        int field = TurnFraming.readShort(b, offset + 2);
        if (field % 4 != 0 || field != length - TurnFraming.STUN_HEADER) {
            throw new TapParseException(Reason.BAD_STUN, "header says " + field + ", " + (length - 20) + " bytes follow");
        }
    }

    /** The offset of the first attribute of {@code type} (its 4-byte header), or -1; RFC 8489 §14 padding to 4. */
    private static int findAttribute(byte[] b, int offset, int length, int type) throws TapParseException {
        int pos = offset + TurnFraming.STUN_HEADER;
        int end = offset + length;
        while (pos < end) {
            if (end - pos < 4) {
                throw new TapParseException(Reason.BAD_STUN, "attribute header cut");
            }
            int valueLength = TurnFraming.readShort(b, pos + 2);
            if (TurnFraming.padded(valueLength) > end - pos - 4) {
                throw new TapParseException(Reason.BAD_STUN, "attribute of " + valueLength + " bytes overruns the message");
            }
            if (TurnFraming.readShort(b, pos) == type) {
                return pos;
            }
            pos += 4 + TurnFraming.padded(valueLength);
        }
        return -1;
    }

    /** RFC 8656 §7.3: the success response names the relayed address; RFC 8489 §14.2 the mapped one. */
    private void readAllocateSuccess(byte[] b, int offset, int length) throws TapParseException {
        StunMessage m;
        try {
            m = TurnAttributes.decoder().decode(b, offset, length);
        } catch (StunException e) {
            throw new TapParseException(Reason.BAD_STUN, e.getMessage());
        }
        var relayedAttr = m.first(XorRelayedAddress.class);
        var mappedAttr = m.first(XorMappedAddress.class);
        if (relayedAttr.isEmpty() || mappedAttr.isEmpty()) {
            throw new TapParseException(Reason.BAD_ALLOCATE_RESPONSE, "XOR-RELAYED-ADDRESS or XOR-MAPPED-ADDRESS missing");
        }
        relayed = relayedAttr.get().address();
        mapped = mappedAttr.get().address();
    }

    /** Over TCP: bytes from the server that lost the stream's framing (the tap closes the connection). */
    public void countUnframed(Reason reason) {
        countMalformed(reason);
    }

    private void countMalformed(Reason reason) {
        malformed++;
        synchronized (malformedByReason) {
            malformedByReason.merge(reason, 1L, Long::sum);
        }
    }

    public long bytesToPeers() {
        return bytesToPeers;
    }

    public long bytesToClient() {
        return bytesToClient;
    }

    public long datagramsToServer() {
        return datagramsToServer;
    }

    public long datagramsToClient() {
        return datagramsToClient;
    }

    public long malformed() {
        return malformed;
    }

    /** Malformed datagrams by reason, a snapshot. */
    public Map<Reason, Long> malformedByReason() {
        synchronized (malformedByReason) {
            return Map.copyOf(malformedByReason);
        }
    }

    /** True once the server confirmed a Refresh with LIFETIME 0: the allocation is gone, the counts final. */
    public boolean deleted() {
        return deleted;
    }

    /** The relayed address once the server's Allocate success response went through, else null. */
    public InetSocketAddress relayed() {
        return relayed;
    }

    /** This flow's address as the server saw it (XOR-MAPPED-ADDRESS), else null. */
    public InetSocketAddress mapped() {
        return mapped;
    }
}
