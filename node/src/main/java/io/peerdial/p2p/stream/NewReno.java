package io.peerdial.p2p.stream;

/**
 * NewReno congestion control in bytes: RFC 5681 slow start and congestion avoidance with RFC 3465 byte
 * counting, RFC 6928's initial window, and one window reduction per recovery period; a period ends once a
 * segment sent after it began is acknowledged (RFC 6582's "recover" point, expressed in transmission
 * numbers as in RFC 9002 §7.3.2).
 */
final class NewReno {

    private final int mss;
    private long cwnd;
    private long ssthresh = Long.MAX_VALUE;
    private long recoveryStart = -1; // transmissions numbered below this one belong to the current period
    private long avoidanceCredit;

    NewReno(int mss) {
        this.mss = mss;
        this.cwnd = 10L * mss; // RFC 6928
    }

    long window() {
        return cwnd;
    }

    /** {@code bytes} newly acknowledged by an acknowledgement whose newest acknowledged transmission is {@code tx}. */
    void onAcked(long bytes, long tx) {
        if (tx < recoveryStart) {
            return; // still in recovery: no growth
        }
        if (cwnd < ssthresh) {
            cwnd += Math.min(bytes, 2L * mss); // RFC 3465 §2.2, L = 2
        } else { // RFC 5681 §3.1 eq. 3, counted in bytes
            avoidanceCredit += bytes;
            if (avoidanceCredit >= cwnd) {
                avoidanceCredit -= cwnd;
                cwnd += mss;
            }
        }
    }

    /** A segment sent as transmission {@code tx} was lost; {@code nextTx} is the number the next send will get. */
    void onLoss(long tx, long nextTx) {
        if (tx < recoveryStart) {
            return; // the same loss event
        }
        // RFC 5681 §3.1 eq. 4 halves the flight size; like RFC 9002 §7.3.2 we halve the window (they differ
        // only when the sender was application-limited, and then the window was not the constraint).
        ssthresh = Math.max(cwnd / 2, 2L * mss);
        cwnd = ssthresh;
        recoveryStart = nextTx;
    }

    /** RFC 5681 §3.1: after a retransmission timeout the window is one segment (the loss window). */
    void onTimeout(long nextTx) {
        ssthresh = Math.max(cwnd / 2, 2L * mss);
        cwnd = mss;
        recoveryStart = nextTx;
    }
}
