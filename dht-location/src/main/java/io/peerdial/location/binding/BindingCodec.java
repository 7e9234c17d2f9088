package io.peerdial.location.binding;

import io.peerdial.location.entry.ByteReader;
import io.peerdial.location.entry.EntryFormatException;
import io.peerdial.location.entry.EntryFormatException.Reason;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Canonical payloads of {@code BINDING} entries (docs/PROTOCOL.md, "Binding payload").
 *
 * <pre>
 * binding:   u8 aorLength | aor (UTF-8, normalised "sip:...") | device[20] | u8 reachability
 *            | u16 capabilities | u8 contactCount (&lt;= 8) | contact*
 * contact:   u8 type (1 direct, 2 rendezvous) | u8 transport (1 UDP, 2 TCP) | u8 ipLength (4|16)
 *            | ip | u16 port (&gt;0) | (rendezvous only) nodeId[20]
 * tombstone: u8 aorLength | aor   (so storing nodes can check key and owner of a removal too)
 * </pre>
 */
public final class BindingCodec {

    private static final int DIRECT = 1;
    private static final int RENDEZVOUS = 2;

    private BindingCodec() {}

    public static byte[] encode(Binding b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        writeAor(out, b.aor());
        out.writeBytes(b.device().toBytes());
        out.write(b.reachability().code);
        out.write(b.capabilities() >>> 8);
        out.write(b.capabilities());
        out.write(b.contacts().size());
        for (BindingContact c : b.contacts()) {
            out.write(c.isRendezvous() ? RENDEZVOUS : DIRECT);
            out.write(c.transport().code);
            byte[] ip = c.address().getAddress();
            out.write(ip.length);
            out.writeBytes(ip);
            out.write(c.port() >>> 8);
            out.write(c.port());
            if (c.isRendezvous()) out.writeBytes(c.rendezvous().toBytes());
        }
        return out.toByteArray();
    }

    public static byte[] encodeTombstone(Aor aor) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        writeAor(out, aor);
        return out.toByteArray();
    }

    private static void writeAor(ByteArrayOutputStream out, Aor aor) {
        byte[] text = aor.toString().getBytes(StandardCharsets.UTF_8);
        out.write(text.length); // Aor guarantees <= 255 bytes
        out.writeBytes(text);
    }

    public static Binding decode(byte[] payload) throws EntryFormatException {
        ByteReader r = new ByteReader(payload);
        Aor aor = readAor(r);
        var device = r.nodeId("device");
        int reachCode = r.u8("reachability");
        Reachability reachability = Reachability.ofCode(reachCode);
        if (reachability == null) throw new EntryFormatException(Reason.BAD_FIELD, "reachability " + reachCode);
        int capabilities = r.u16("capabilities");
        int count = r.u8("contact count");
        if (count > Binding.MAX_CONTACTS) {
            throw new EntryFormatException(Reason.BAD_FIELD, count + " contacts, at most " + Binding.MAX_CONTACTS);
        }
        List<BindingContact> contacts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) contacts.add(readContact(r, i));
        r.expectEnd("binding");
        return new Binding(aor, device, reachability, capabilities, contacts);
    }

    /** The AOR a binding tombstone removes. */
    public static Aor decodeTombstone(byte[] payload) throws EntryFormatException {
        ByteReader r = new ByteReader(payload);
        Aor aor = readAor(r);
        r.expectEnd("tombstone AOR");
        return aor;
    }

    private static Aor readAor(ByteReader r) throws EntryFormatException {
        int n = r.u8("AOR length");
        byte[] text = r.bytes(n, "AOR");
        var decoder = StandardCharsets.UTF_8.newDecoder(); // reports malformed UTF-8 instead of replacing it
        try {
            return Aor.fromWire(decoder.decode(java.nio.ByteBuffer.wrap(text)).toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new EntryFormatException(Reason.BAD_AOR, "AOR is not UTF-8");
        }
    }

    private static BindingContact readContact(ByteReader r, int i) throws EntryFormatException {
        int type = r.u8("contact type");
        if (type != DIRECT && type != RENDEZVOUS) throw new EntryFormatException(Reason.BAD_FIELD, "contact " + i + " type " + type);
        int transportCode = r.u8("contact transport");
        var transport = BindingContact.Transport.ofCode(transportCode);
        if (transport == null) throw new EntryFormatException(Reason.BAD_FIELD, "contact " + i + " transport " + transportCode);
        int ipLength = r.u8("contact address length");
        if (ipLength != 4 && ipLength != 16) {
            throw new EntryFormatException(Reason.BAD_FIELD, "contact " + i + " address of " + ipLength + " bytes");
        }
        byte[] ip = r.bytes(ipLength, "contact address");
        InetAddress address;
        try {
            address = InetAddress.getByAddress(ip); // raw bytes: no name lookup
        } catch (UnknownHostException e) {
            throw new EntryFormatException(Reason.BAD_FIELD, "contact " + i + " address");
        }
        if (address.getAddress().length != ipLength) { // an IPv4-mapped IPv6 address would re-encode as IPv4
            throw new EntryFormatException(Reason.BAD_FIELD, "contact " + i + ": IPv4-mapped IPv6 address, send it as IPv4");
        }
        int port = r.u16("contact port");
        if (port == 0) throw new EntryFormatException(Reason.BAD_FIELD, "contact " + i + " port 0");
        var rendezvous = type == RENDEZVOUS ? r.nodeId("rendezvous NodeId") : null;
        return new BindingContact(transport, address, port, rendezvous);
    }
}
