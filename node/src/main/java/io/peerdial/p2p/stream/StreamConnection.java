package io.peerdial.p2p.stream;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * One reliable, ordered, flow-controlled byte stream in each direction over a datagram path, sans IO.
 *
 * <h2>Theory of operation</h2>
 * The longest class of the package on purpose: every state transition is here. Two ends that agreed on a
 * connection id (the epoch) each build a {@code StreamConnection}; there is no handshake, because the path
 * (ICE, a TURN channel) was set up before. Each direction is a TCP-like offset space (RFC 9293): the writer's
 * bytes get offsets from 0, the FIN occupies the offset after the last byte.
 *
 * <p><b>Sending.</b> {@link #write} copies into a ring ({@link SendBuffer}) of at most
 * {@link StreamConfig#sendBuffer()} unacknowledged bytes. {@link #pollTransmit} makes one datagram at a time,
 * in this priority: an RST; the lowest segment declared lost; new data (at most one MSS, within the
 * congestion window of {@link NewReno} and below the peer's limit); the FIN once all data went out; a pure
 * ACK when one is due; a PING when a probe is due. Every segment but RST carries our acknowledgement
 * state, so data piggybacks acknowledgements. {@link InFlight} remembers what was sent, per segment, with a
 * transmission number.
 *
 * <p><b>Acknowledgements.</b> An ACK moves the cumulative point (releasing the ring), marks SACKed
 * segments, yields an RTT sample (Karn's rule) for {@link RttEstimator} and declares lost every segment sent
 * three transmissions before the newest acknowledged one (RFC 9002 §6.1.1), which is fast retransmit; a
 * loss halves the window once per recovery period. The retransmission timer (RFC 6298 §5) runs while
 * anything is outstanding; on expiry everything unSACKed is lost, the window drops to one segment and the
 * RTO doubles. With nothing outstanding but data blocked by a closed peer window, the same timer sends a
 * PING (a zero-window probe, RFC 9293 §3.8.6.1) which the peer answers with its current limit.
 *
 * <p><b>Receiving.</b> DATA goes into a ring ({@link ReceiveBuffer}) at its offset; the flow-control limit
 * we advertise is {@code readOffset + receiveWindow}, so a slow reader stops the sender. Data beyond that
 * limit or past the peer's FIN breaks the protocol and is dropped (and counted). We acknowledge every second
 * in-order segment or after {@link StreamConfig#ackDelayMillis()}, and at once for anything out of order,
 * duplicate, a FIN, a PING, or a read that opened the window by a quarter.
 *
 * <p><b>Ending.</b> {@link #close} queues a FIN after the written data (half-close: reading goes on).
 * {@link StreamEvent.Closed} comes once our FIN is acknowledged and the peer's FIN received; the connection
 * keeps acknowledging retransmitted FINs after that. {@link #abort} sends an RST; a received RST ends the
 * connection with {@link StreamEvent.Reset}. Anything received resets the idle clock; after
 * {@link StreamConfig#keepAliveMillis()} of silence we PING, after {@link StreamConfig#idleTimeoutMillis()}
 * the connection fails with {@link StreamEvent.FailureReason#IDLE_TIMEOUT}.
 *
 * <p><b>Bad input.</b> A datagram that does not decode, carries another connection id or breaks the
 * protocol is counted in {@link #stats()} and dropped; nothing a peer sends makes a method throw.
 *
 * <p>Not thread-safe: one driver calls it. Time in milliseconds, never going backwards.
 */
public final class StreamConnection {

    /** Timeout value meaning "no timer armed". */
    public static final long NO_TIMEOUT = Long.MAX_VALUE;
    /** Stream bytes per DATA segment. */
    public static final int MSS = SegmentCodec.MAX_PAYLOAD;

    /** Where the connection is in its life. */
    public enum State {
        /** Data may flow (in one or both directions). */
        OPEN,
        /** Both FINs exchanged and acknowledged. */
        CLOSED,
        /** The peer sent an RST. */
        RESET,
        /** Idle timeout. */
        FAILED,
        /** We sent an RST. */
        ABORTED
    }

    private final StreamConfig config;
    private final int connectionId;
    private final SendBuffer send;
    private final ReceiveBuffer receive;
    private final InFlight inFlight = new InFlight();
    private final RttEstimator rtt;
    private final NewReno congestion = new NewReno(MSS);
    private final ArrayDeque<StreamEvent> events = new ArrayDeque<>();
    private State state = State.OPEN;

    // sending
    private long sendNext;
    private long peerLimit;
    private boolean finRequested;
    private InFlight.Sent fin;
    private boolean finAcked;
    private boolean writeBlocked;
    private long rtoDeadline = NO_TIMEOUT;
    private boolean probePending;
    private boolean resetPending;
    private int resetCode;

    // receiving
    private long peerFinalSize = -1;
    private int unackedSegments;
    private long ackDeadline = NO_TIMEOUT;
    private boolean ackNow;
    private long advertisedLimit;
    private boolean readWaiting = true;

    // liveness
    private long lastReceivedAt;
    private long lastPingAt;

    // counters
    private long datagramsIn;
    private long datagramsOut;
    private long malformed;
    private long foreign;
    private long protocolErrors;
    private long retransmissions;
    private long rtoExpirations;
    private long bytesSent;

    public StreamConnection(StreamConfig config, int connectionId, long now) {
        this.config = Objects.requireNonNull(config, "config");
        this.connectionId = connectionId;
        this.send = new SendBuffer(config.sendBuffer());
        this.receive = new ReceiveBuffer(config.receiveWindow());
        this.rtt = new RttEstimator(config.initialRtoMillis(), config.minRtoMillis(), config.maxRtoMillis());
        this.peerLimit = config.receiveWindow(); // no handshake: the peer starts with the same window as we do
        this.advertisedLimit = receive.limit();
        this.lastReceivedAt = now;
        this.lastPingAt = now;
    }

    public int connectionId() {
        return connectionId;
    }

    public State state() {
        return state;
    }

    // ---------------------------------------------------------------- application side

    /**
     * Copies as many bytes of {@code src} as the send buffer takes and returns the count (0 when full; a
     * {@link StreamEvent.Writable} follows when space frees up), or -1 once the connection was reset,
     * failed or aborted. Writing after {@link #close} is API misuse.
     */
    public int write(ByteBuffer src) {
        if (finRequested) {
            throw new IllegalStateException("write after close()");
        }
        if (isTerminated()) {
            return -1;
        }
        int n = send.write(src);
        if (src.hasRemaining()) {
            writeBlocked = true;
        }
        return n;
    }

    /**
     * Copies received in-order bytes into {@code dst} and returns the count: 0 when none are there yet (a
     * {@link StreamEvent.Readable} follows when some arrive), -1 at the end of the peer's stream or once the
     * connection was reset, failed or aborted.
     */
    public int read(ByteBuffer dst) {
        if (isTerminated()) {
            return -1;
        }
        int n = receive.read(dst);
        if (receive.available() == 0) {
            if (peerFinReceived()) {
                return n > 0 ? n : -1;
            }
            readWaiting = true;
        }
        if (n > 0 && receive.limit() - advertisedLimit >= config.receiveWindow() / 4) {
            ackNow = true; // a window update (RFC 9293 §3.8.6.2.2: only when it opened by a good amount)
        }
        return n;
    }

    /** Bytes that {@link #read} would return now. */
    public int available() {
        return receive.available();
    }

    /** Ends our direction after the data written so far (half-close); reading goes on. Idempotent. */
    public void close() {
        finRequested = true;
    }

    /** Aborts both directions at once with an application {@code code}; the peer gets an RST. Idempotent. */
    public void abort(int code) {
        if (isTerminated() || state == State.CLOSED) {
            return;
        }
        state = State.ABORTED;
        resetPending = true;
        resetCode = code;
    }

    // ---------------------------------------------------------------- driver side

    /** Feeds one datagram received on the path. */
    public void handleDatagram(long now, byte[] datagram) {
        datagramsIn++;
        Segment segment;
        try {
            segment = SegmentCodec.decode(datagram);
        } catch (StreamFormatException e) {
            malformed++;
            return;
        }
        if (segment.connectionId() != connectionId) {
            foreign++;
            return;
        }
        if (isTerminated()) {
            if (state == State.ABORTED && !(segment instanceof Segment.Reset)) {
                resetPending = true; // RFC 9293 §3.10.7.1: answer traffic of a connection that is gone with RST
            }
            return;
        }
        lastReceivedAt = now;
        if (segment instanceof Segment.Reset r) {
            if (state == State.OPEN) {
                state = State.RESET;
                events.add(new StreamEvent.Reset(r.code()));
            }
            return;
        }
        AckInfo ack = segment instanceof Segment.Data d ? d.ack()
                : segment instanceof Segment.Fin f ? f.ack()
                : segment instanceof Segment.Ping p ? p.ack() : ((Segment.Ack) segment).ack();
        if (!onAck(ack, now)) {
            protocolErrors++;
            return;
        }
        if (segment instanceof Segment.Data d) {
            onData(d, now);
        } else if (segment instanceof Segment.Fin f) {
            onFin(f);
        } else if (segment instanceof Segment.Ping) {
            ackNow = true;
        }
        maybeClosed();
    }

    /** Runs the timers; call it once {@code now >= pollTimeout()}. */
    public void handleTimeout(long now) {
        if (isTerminated()) {
            return;
        }
        if (state == State.OPEN && now - lastReceivedAt >= config.idleTimeoutMillis()) {
            state = State.FAILED;
            events.add(new StreamEvent.Failed(StreamEvent.FailureReason.IDLE_TIMEOUT));
            return;
        }
        if (now >= rtoDeadline) {
            onRetransmissionTimeout(now);
        }
        if (now >= ackDeadline) {
            ackNow = true;
        }
        if (state == State.OPEN && now >= keepAliveDeadline()) {
            probePending = true;
        }
    }

    /** The next datagram to send on the path, or {@code null}; {@code now} stamps it for RTT and RTO. */
    public byte[] pollTransmit(long now) {
        if (resetPending) {
            resetPending = false;
            datagramsOut++;
            return SegmentCodec.encode(new Segment.Reset(connectionId, resetCode));
        }
        if (isTerminated()) {
            return null;
        }
        InFlight.Sent lost = inFlight.firstLost();
        if (lost != null) {
            if (windowAllows(lost.length)) {
                retransmissions++;
                return transmit(lost, now);
            }
        } else {
            int length = (int) Math.min(MSS, Math.min(send.end() - sendNext, peerLimit - sendNext));
            if (length > 0 && windowAllows(length)) {
                InFlight.Sent s = new InFlight.Sent(sendNext, length, false);
                sendNext += length;
                bytesSent += length;
                return transmit(s, now);
            }
            if (finRequested && fin == null && sendNext == send.end()) {
                fin = new InFlight.Sent(sendNext, 0, true); // the FIN is not held back by the windows
                return transmit(fin, now);
            }
        }
        if (ackNow || now >= ackDeadline) {
            return encoded(new Segment.Ack(connectionId, ackState()));
        }
        if (probePending) {
            probePending = false;
            lastPingAt = now;
            return encoded(new Segment.Ping(connectionId, ackState()));
        }
        armPersistTimer(now);
        return null;
    }

    /** When {@link #handleTimeout} should run next, or {@link #NO_TIMEOUT}. */
    public long pollTimeout() {
        if (isTerminated()) {
            return NO_TIMEOUT;
        }
        long t = Math.min(rtoDeadline, ackDeadline);
        if (state == State.OPEN) {
            t = Math.min(t, Math.min(keepAliveDeadline(), lastReceivedAt + config.idleTimeoutMillis()));
        }
        return t;
    }

    /** The next event, or {@code null}. */
    public StreamEvent pollEvent() {
        return events.poll();
    }

    public StreamStats stats() {
        return new StreamStats(datagramsIn, datagramsOut, malformed, foreign, protocolErrors, retransmissions,
                rtoExpirations, bytesSent, receive.contiguousEnd(), rtt.srtt(), congestion.window());
    }

    // ---------------------------------------------------------------- internals

    private boolean isTerminated() {
        return state == State.RESET || state == State.FAILED || state == State.ABORTED;
    }

    private boolean peerFinReceived() {
        return peerFinalSize >= 0 && receive.contiguousEnd() == peerFinalSize;
    }

    private long keepAliveDeadline() {
        return Math.max(lastReceivedAt, lastPingAt) + config.keepAliveMillis();
    }

    private boolean windowAllows(int length) {
        long flight = inFlight.bytesInFlight();
        return flight == 0 || flight + length <= congestion.window();
    }

    /** Processes the acknowledgement part of a segment; false when it acknowledges what was never sent. */
    private boolean onAck(AckInfo ack, long now) {
        long sentEnd = fin != null ? fin.offset + 1 : sendNext;
        if (ack.cumulative() > sentEnd
                || (!ack.sacks().isEmpty() && ack.sacks().get(ack.sacks().size() - 1).end() > sentEnd)) {
            return false;
        }
        peerLimit = Math.max(peerLimit, ack.limit()); // RFC 9293 §3.8.6: the window never shrinks
        if (!inFlight.hasOutstanding() && !windowBlocked()) {
            rtoDeadline = NO_TIMEOUT; // a persist timer whose window opened
        }
        long unackedBefore = send.start();
        boolean finAckedBefore = finAcked;
        InFlight.AckResult r = inFlight.onAck(ack, now);
        if (r.rttSample() >= 0) {
            rtt.sample(r.rttSample());
        }
        if (r.newlyLost() > 0) {
            congestion.onLoss(r.lostTx(), inFlight.nextTx());
        }
        // RFC 7661 §4.1 spirit: grow the window only while it limits the sender (half of it in use, as Linux's
        // slow-start test), not while the application or the peer's window does.
        if (r.bytesAcked() > 0 && 2 * (inFlight.bytesInFlight() + r.bytesAcked()) >= congestion.window()) {
            congestion.onAcked(r.bytesAcked(), r.largestTx());
        }
        send.release(Math.min(ack.cumulative(), send.end()));
        if (fin != null && ack.cumulative() > fin.offset) {
            finAcked = true;
        }
        if (send.start() > unackedBefore || finAcked != finAckedBefore || r.bytesAcked() > 0) {
            // RFC 6298 §5.2, §5.3: restart the timer on progress, stop it when nothing is outstanding
            rtoDeadline = inFlight.hasOutstanding() ? now + rtt.rto() : NO_TIMEOUT;
        }
        if (writeBlocked && send.free() > 0) {
            writeBlocked = false;
            events.add(StreamEvent.WRITABLE);
        }
        return true;
    }

    private void onData(Segment.Data d, long now) {
        long end = d.offset() + d.length();
        if (end > receive.limit() || (peerFinalSize >= 0 && end > peerFinalSize)) {
            protocolErrors++; // RFC 9293 §3.10.7.4: drop what lies beyond the window, and acknowledge
            ackNow = true;
            return;
        }
        boolean inOrder = d.offset() == receive.contiguousEnd() && !receive.hasGaps();
        if (!receive.accept(d.offset(), d.payloadView())) {
            ackNow = true; // a duplicate: our acknowledgement may have been lost
            return;
        }
        if (!inOrder || receive.hasGaps()) {
            ackNow = true; // RFC 5681 §4.2: out of order, or filling a gap
        } else if (++unackedSegments >= 2) {
            ackNow = true; // RFC 1122 §4.2.3.2: every second full segment
        } else if (ackDeadline == NO_TIMEOUT) {
            ackDeadline = now + config.ackDelayMillis();
        }
        signalReadable();
    }

    private void onFin(Segment.Fin f) {
        long finalSize = f.finalSize();
        if ((peerFinalSize >= 0 && finalSize != peerFinalSize) || finalSize < receive.highestReceived()
                || finalSize > receive.limit()) {
            protocolErrors++; // RFC 9000 §4.5 has the same rule: the final size cannot change
            return;
        }
        peerFinalSize = finalSize;
        ackNow = true;
        signalReadable();
    }

    private void signalReadable() {
        if (readWaiting && (receive.available() > 0 || peerFinReceived())) {
            readWaiting = false;
            events.add(StreamEvent.READABLE);
        }
    }

    private void maybeClosed() {
        if (state == State.OPEN && finAcked && peerFinReceived()) {
            state = State.CLOSED;
            rtoDeadline = NO_TIMEOUT;
            events.add(StreamEvent.CLOSED);
        }
    }

    private void onRetransmissionTimeout(long now) {
        if (inFlight.hasOutstanding()) {
            rtoExpirations++;
            congestion.onTimeout(inFlight.nextTx());
            inFlight.markAllLost(); // RFC 6675 §5.1
            rtt.backOff(); // RFC 6298 §5.5
            rtoDeadline = NO_TIMEOUT; // re-armed by the retransmission (§5.6)
        } else if (windowBlocked()) {
            probePending = true;
            rtt.backOff();
            rtoDeadline = now + rtt.rto();
        } else {
            rtoDeadline = NO_TIMEOUT;
        }
    }

    private boolean windowBlocked() {
        return sendNext < send.end() && sendNext >= peerLimit;
    }

    private void armPersistTimer(long now) {
        if (rtoDeadline == NO_TIMEOUT && windowBlocked() && !inFlight.hasOutstanding()) {
            rtoDeadline = now + rtt.rto();
        }
    }

    private byte[] transmit(InFlight.Sent s, long now) {
        AckInfo ack = ackState();
        Segment segment;
        if (s.fin) {
            segment = new Segment.Fin(connectionId, ack, s.offset);
        } else {
            byte[] payload = new byte[s.length];
            send.copy(s.offset, payload, 0, s.length);
            segment = new Segment.Data(connectionId, ack, s.offset, payload);
        }
        inFlight.onSent(s, now);
        if (rtoDeadline == NO_TIMEOUT || !inFlight.hasOutstanding()) {
            rtoDeadline = now + rtt.rto(); // RFC 6298 §5.1
        }
        return encoded(segment);
    }

    private byte[] encoded(Segment segment) {
        datagramsOut++;
        return SegmentCodec.encode(segment);
    }

    /** Our acknowledgement state; sending it settles any pending acknowledgement. */
    private AckInfo ackState() {
        ackNow = false;
        unackedSegments = 0;
        ackDeadline = NO_TIMEOUT;
        advertisedLimit = receive.limit();
        long cumulative = receive.contiguousEnd() + (peerFinReceived() ? 1 : 0);
        return new AckInfo(cumulative, advertisedLimit, receive.sackRanges(AckInfo.MAX_SACK_RANGES));
    }
}
