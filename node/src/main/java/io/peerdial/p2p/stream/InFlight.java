package io.peerdial.p2p.stream;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sender's record of segments sent and not yet cumulatively acknowledged, with RFC 9002 §6.1.1
 * packet-threshold loss detection over transmission numbers (one per datagram sent, retransmissions included).
 */
final class InFlight {

    /** RFC 9002 §6.1.1 kPacketThreshold. */
    static final int PACKET_THRESHOLD = 3;

    /** One segment: data bytes, or the FIN (which occupies one offset and no bytes). */
    static final class Sent {
        final long offset;
        final int length;
        final boolean fin;
        long tx;
        long sentAt;
        boolean retransmitted;
        boolean sacked;
        boolean lost;

        Sent(long offset, int length, boolean fin) {
            this.offset = offset;
            this.length = length;
            this.fin = fin;
        }

        long end() {
            return offset + (fin ? 1 : length);
        }
    }

    /** What one acknowledgement did. */
    record AckResult(long bytesAcked, long rttSample, long largestTx, int newlyLost, long lostTx) {
    }

    private final TreeMap<Long, Sent> byOffset = new TreeMap<>();
    private final TreeMap<Long, Sent> lost = new TreeMap<>();
    private long bytesInFlight;
    private long nextTx;
    /** Segments (FIN included) neither acknowledged nor declared lost. */
    private int outstanding;

    long bytesInFlight() {
        return bytesInFlight;
    }

    long nextTx() {
        return nextTx;
    }

    boolean isEmpty() {
        return byOffset.isEmpty();
    }

    /** True while something sent is neither acknowledged, selectively acknowledged nor declared lost. */
    boolean hasOutstanding() {
        return outstanding > 0;
    }

    Sent firstLost() {
        Map.Entry<Long, Sent> e = lost.firstEntry();
        return e == null ? null : e.getValue();
    }

    void onSent(Sent s, long now) {
        s.tx = nextTx++;
        s.sentAt = now;
        if (s.lost) {
            lost.remove(s.offset);
            s.lost = false;
            s.retransmitted = true;
        } else {
            byOffset.put(s.offset, s);
        }
        bytesInFlight += s.length;
        outstanding++;
    }

    AckResult onAck(AckInfo ack, long now) {
        Tally tally = new Tally();
        // Cumulative part: RFC 9293 §3.10.7.4, SND.UNA advances.
        for (Iterator<Sent> it = byOffset.values().iterator(); it.hasNext(); ) {
            Sent s = it.next();
            if (s.end() > ack.cumulative()) {
                break;
            }
            it.remove();
            if (!s.sacked) {
                delivered(s, tally);
            }
        }
        // Selective part: RFC 2018.
        for (SackRange r : ack.sacks()) {
            for (Sent s : byOffset.subMap(r.start(), true, r.end(), false).values()) {
                if (!s.sacked && s.end() <= r.end()) {
                    s.sacked = true;
                    delivered(s, tally);
                }
            }
        }
        long largestTx = tally.largestTx;
        int newlyLost = 0;
        long lostTx = -1;
        if (largestTx >= PACKET_THRESHOLD && !ack.sacks().isEmpty()) {
            // Only an acknowledgement with holes can reveal a loss by the packet threshold.
            for (Sent s : byOffset.values()) {
                if (s.offset >= ack.sacks().get(ack.sacks().size() - 1).end()) {
                    break;
                }
                if (!s.sacked && !s.lost && s.tx <= largestTx - PACKET_THRESHOLD) { // RFC 9002 §6.1.1
                    s.lost = true;
                    bytesInFlight -= s.length;
                    outstanding--;
                    lost.put(s.offset, s);
                    newlyLost++;
                    lostTx = Math.max(lostTx, s.tx);
                }
            }
        }
        long rtt = tally.sampleValid ? now - tally.newestSentAt : -1;
        return new AckResult(tally.bytes, rtt, largestTx, newlyLost, lostTx);
    }

    /** What the segments one acknowledgement delivered add up to. */
    private static final class Tally {
        long bytes;
        long largestTx = -1;
        long newestSentAt;
        boolean sampleValid;
    }

    /** Takes a segment the peer has now got out of the flight (or the lost queue) and counts it. */
    private void delivered(Sent s, Tally tally) {
        tally.bytes += s.length;
        if (s.lost) {
            lost.remove(s.offset);
            s.lost = false;
        } else {
            bytesInFlight -= s.length;
            outstanding--;
        }
        if (s.tx > tally.largestTx) {
            tally.largestTx = s.tx;
            tally.newestSentAt = s.sentAt;
            tally.sampleValid = !s.retransmitted; // Karn's rule (RFC 6298 §3)
        }
    }

    /** RFC 6675 §5.1: after a retransmission timeout every segment not selectively acknowledged is lost. */
    void markAllLost() {
        for (Sent s : byOffset.values()) {
            if (!s.sacked && !s.lost) {
                s.lost = true;
                bytesInFlight -= s.length;
                outstanding--;
                lost.put(s.offset, s);
            }
        }
    }
}
