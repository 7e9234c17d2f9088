package io.peerdial.overlay.wire;

import io.peerdial.overlay.identity.NodeId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * A cursor over one received datagram. Every read first checks that the bytes are there, so a
 * lying length field ends in {@link WireException.Reason#TRUNCATED}, never in an index exception.
 */
final class WireReader {

    private final byte[] buf;
    private final int end;
    private final KnownContacts known;
    private int pos;
    /** Where the last {@link #addressFields} found the address bytes, how many, and the port. */
    private int addressAt, addressLength, port;

    WireReader(byte[] buf, int offset, int length) {
        this(buf, offset, length, KnownContacts.NONE);
    }

    WireReader(byte[] buf, int offset, int length, KnownContacts known) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
        this.known = known;
    }

    private void need(int n, String field) throws WireException {
        if (end - pos < n) {
            throw new WireException(WireException.Reason.TRUNCATED,
                    field + " needs " + n + " bytes, " + (end - pos) + " left");
        }
    }

    int u8(String field) throws WireException {
        need(1, field);
        return buf[pos++] & 0xFF;
    }

    int u16(String field) throws WireException {
        need(2, field);
        int v = (buf[pos] & 0xFF) << 8 | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    long u64(String field) throws WireException {
        need(8, field);
        long v = 0;
        for (int i = 0; i < 8; i++) v = v << 8 | (buf[pos + i] & 0xFF);
        pos += 8;
        return v;
    }

    byte[] bytes(int n, String field) throws WireException {
        need(n, field);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    NodeId nodeId(String field) throws WireException {
        need(NodeId.BYTES, field);
        NodeId id = NodeId.fromBytes(buf, pos);
        pos += NodeId.BYTES;
        return id;
    }

    /** family u8 (4 or 6), address (4 or 16 bytes), port u16 (not 0). */
    InetSocketAddress address(String field) throws WireException {
        addressFields(field);
        InetSocketAddress shared = known.address(buf, addressAt, addressLength, port);
        if (shared != null) return shared;
        return newAddress(field);
    }

    /** Checks and skips an address, leaving where its bytes are in {@link #addressAt} and co. */
    private void addressFields(String field) throws WireException {
        // field names are concatenated only on the error path: this runs for every contact of every NODES
        if (end - pos < 1) need(1, field + " family");
        int family = buf[pos++] & 0xFF;
        int addressBytes = switch (family) {
            case 4 -> 4;
            case 6 -> 16;
            default -> throw new WireException(WireException.Reason.BAD_ADDRESS, field + ": unknown family " + family);
        };
        need(addressBytes, field);
        addressAt = pos;
        addressLength = addressBytes;
        pos += addressBytes;
        if (end - pos < 2) need(2, field + " port");
        port = (buf[pos] & 0xFF) << 8 | (buf[pos + 1] & 0xFF);
        pos += 2;
        if (port == 0) {
            throw new WireException(WireException.Reason.BAD_ADDRESS, field + ": port 0");
        }
    }

    private InetSocketAddress newAddress(String field) throws WireException {
        byte[] raw = Arrays.copyOfRange(buf, addressAt, addressAt + addressLength);
        InetAddress ip;
        try {
            ip = InetAddress.getByAddress(raw); // no DNS: a literal address of a checked length
        } catch (UnknownHostException e) {
            // only thrown for a length other than 4 or 16, which addressFields rules out
            throw new WireException(WireException.Reason.BAD_ADDRESS, field + ": " + e.getMessage());
        }
        return new InetSocketAddress(ip, port);
    }

    Contact contact() throws WireException {
        need(NodeId.BYTES, "contact id");
        int idAt = pos;
        pos += NodeId.BYTES;
        addressFields("contact address");
        Contact shared = known.contact(buf, idAt, addressAt, addressLength, port);
        // a held instance is used only if it is what these bytes decode to (ID, address, port),
        // which it tells from its own flat fields without following its NodeId or address
        if (shared != null && shared.isEncodedAt(buf, idAt, addressLength, port)) return shared;
        return new Contact(NodeId.fromBytes(buf, idAt), newAddress("contact address"));
    }

    /** count u8 (at most {@link MessageCodec#MAX_CONTACTS}), then that many contacts. */
    List<Contact> contacts() throws WireException {
        int count = u8("contact count");
        if (count > MessageCodec.MAX_CONTACTS) {
            throw new WireException(WireException.Reason.BAD_FIELD,
                    count + " contacts, at most " + MessageCodec.MAX_CONTACTS + " allowed");
        }
        Contact[] contacts = new Contact[count];
        for (int i = 0; i < count; i++) contacts[i] = contact();
        return ContactList.adopt(contacts, count); // the message record keeps it as it is
    }

    /** len u8, then that many bytes of UTF-8. */
    String shortText(String field) throws WireException {
        int length = u8(field + " length");
        need(length, field);
        String text = ShortText.decode(buf, pos, length);
        pos += length;
        return text;
    }

    void requireEnd() throws WireException {
        if (pos != end) {
            throw new WireException(WireException.Reason.TRAILING_BYTES, (end - pos) + " bytes after the message body");
        }
    }
}
