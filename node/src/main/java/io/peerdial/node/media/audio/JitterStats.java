package io.peerdial.node.media.audio;

/**
 * Counters and the current delay of a {@link JitterBuffer}.
 *
 * @param played         frames handed out for decoding
 * @param concealed      slots where a frame was missing and concealment played instead
 * @param late           packets that arrived after their slot had passed (discarded)
 * @param dropped        packets discarded to cut the delay, for lack of room, or as an unconfirmed jump
 * @param duplicates     packets received twice (discarded)
 * @param restarts       times the source restarted (sequence jump confirmed by a second packet)
 * @param targetDelayMs  the playout delay the buffer aims for now
 * @param currentDelayMs how long the last played frame waited in the buffer
 * @param jitterMs       RFC 3550 §6.4.1 interarrival jitter estimate
 */
public record JitterStats(long played, long concealed, long late, long dropped, long duplicates, long restarts,
                          int targetDelayMs, int currentDelayMs, double jitterMs) {
}
