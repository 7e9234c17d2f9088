package io.peerdial.node.media.net;

import io.peerdial.node.media.ice.IceSession;
import io.peerdial.node.media.rtp.RtpHeaderView;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One anchored call's media on the node (docs/MEDIA.md, "Media anchoring"): the RTP and RTCP ports
 * the node offers to its local phone, bridged to the call's ICE session toward the other node.
 * Payloads are never touched (no transcoding, no re-packetisation).
 *
 * <p>Toward the other node RTP and RTCP share the ICE pair (rtcp-mux, RFC 5761); toward the phone
 * they use the phone's two ports, or one when the phone multiplexes too. Datagrams from the ICE side
 * are sorted by RFC 5761 §4 (second byte 192..223 is RTCP). RTCP is passed on, not regenerated:
 * both phones then see each other's real reports (loss, jitter, RTT), which is what their call
 * quality displays are for.
 *
 * <p>The phone's addresses come from its SDP and are then latched to where its packets really come
 * from (symmetric RTP), accepting only the phone's IP, so a phone behind an odd local setup still
 * gets media and nothing else can inject into the call.
 */
public final class MediaBridge implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MediaBridge.class);
    private static final int MAX_DATAGRAM = 1500;

    private final DatagramChannel rtp;
    private final DatagramChannel rtcp;
    /** Toward the phone: one buffer, locked (an ICE restart briefly has two receive threads). */
    private final ByteBuffer towardPhone = ByteBuffer.allocate(MAX_DATAGRAM);
    private final String name;
    private volatile IceSession ice;
    private volatile InetSocketAddress phoneRtp;
    private volatile InetSocketAddress phoneRtcp;
    private volatile boolean closed;
    private final AtomicLong fromPhone = new AtomicLong();
    private final AtomicLong toIce = new AtomicLong();
    private final AtomicLong toPhone = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    private MediaBridge(DatagramChannel rtp, DatagramChannel rtcp, String name) {
        this.rtp = rtp;
        this.rtcp = rtcp;
        this.name = name;
    }

    /**
     * Binds an even RTP port and the next one for RTCP on {@code host} (RFC 3550 §11) and starts
     * reading them.
     */
    public static MediaBridge open(InetAddress host, String name) throws IOException {
        RtpPorts ports = RtpPorts.bind(host, false);
        MediaBridge bridge = new MediaBridge(ports.rtp(), ports.rtcp(), name);
        bridge.startReader(ports.rtp(), "rtp");
        bridge.startReader(ports.rtcp(), "rtcp");
        return bridge;
    }

    /** Where the phone is to send RTP (RTCP goes to the next port). */
    public InetSocketAddress phoneFacing() {
        return (InetSocketAddress) rtp.socket().getLocalSocketAddress();
    }

    /** The phone's RTP and RTCP addresses from its SDP ({@code rtcp} equal to {@code rtp} when it multiplexes). */
    public void phone(InetSocketAddress rtpAddress, InetSocketAddress rtcpAddress) {
        this.phoneRtp = rtpAddress;
        this.phoneRtcp = rtcpAddress;
    }

    /** The ICE session media goes over (set again after an ICE restart creates a new one). */
    public void ice(IceSession session) {
        this.ice = session;
    }

    /** Called by the ICE session's receive thread: a datagram from the other node. */
    public void fromIce(byte[] data, int offset, int length) {
        InetSocketAddress to = RtpHeaderView.isRtcp(data, offset, length) ? phoneRtcp : phoneRtp;
        if (to == null || closed || length > MAX_DATAGRAM) {
            dropped.incrementAndGet();
            return;
        }
        try {
            synchronized (towardPhone) {
                towardPhone.clear();
                towardPhone.put(data, offset, length).flip();
                (to == phoneRtcp && to != phoneRtp ? rtcp : rtp).send(towardPhone, to);
            }
            toPhone.incrementAndGet();
        } catch (IOException e) {
            dropped.incrementAndGet();
            if (!closed) log.debug("{}: to phone {} failed: {}", name, to, e.toString());
        }
    }

    private void startReader(DatagramChannel socket, String kind) {
        Thread t = new Thread(() -> read(socket, kind), "media-" + kind + "-" + name);
        t.setDaemon(true);
        t.start();
    }

    private void read(DatagramChannel socket, String kind) {
        ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM);
        while (!closed) {
            InetSocketAddress from;
            try {
                buf.clear();
                from = (InetSocketAddress) socket.receive(buf);
            } catch (IOException e) {
                if (!closed) log.debug("{}: {} socket failed: {}", name, kind, e.toString());
                return;
            }
            int length = buf.position();
            if (!latch(from, socket == rtcp || RtpHeaderView.isRtcp(buf.array(), 0, length))) {
                dropped.incrementAndGet();
                continue;
            }
            fromPhone.incrementAndGet();
            IceSession session = ice;
            if (session == null) {
                dropped.incrementAndGet();
                continue;
            }
            try {
                session.send(buf.array(), 0, length);
                toIce.incrementAndGet();
            } catch (IOException | IllegalStateException noPathYet) { // before ICE completes there is no path
                dropped.incrementAndGet();
            }
        }
    }

    /** Symmetric RTP: follow the phone's real source port, from the phone's IP only. */
    private boolean latch(InetSocketAddress from, boolean isRtcpPacket) {
        InetSocketAddress known = isRtcpPacket ? phoneRtcp : phoneRtp;
        if (known == null) return false;
        if (!known.getAddress().equals(from.getAddress())) return false;
        if (known.getPort() != from.getPort()) {
            if (isRtcpPacket) phoneRtcp = from; else phoneRtp = from;
        }
        return true;
    }

    /** Datagrams accepted from the phone (whether or not a path to the other node existed). */
    public long packetsFromPhone() {
        return fromPhone.get();
    }

    public long packetsToIce() {
        return toIce.get();
    }

    public long packetsToPhone() {
        return toPhone.get();
    }

    public long packetsDropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        closed = true;
        for (DatagramChannel c : new DatagramChannel[] {rtp, rtcp}) {
            try {
                c.close();
            } catch (IOException e) {
                log.debug("{}: close: {}", name, e.toString());
            }
        }
    }
}
