package io.peerdial.node.media.rtp;

/**
 * What a call-quality line shows about one remote source. Values not known yet are {@code NaN}.
 *
 * @param ssrc               the remote source
 * @param cname              its SDES CNAME, empty until one arrived
 * @param packetsReceived    valid RTP packets received from it
 * @param lossPercent        our reception: loss in the last RTCP interval, percent (A.3 fraction lost)
 * @param cumulativeLost     our reception: packets lost in total, at the last RTCP interval
 * @param jitterMillis       our reception: interarrival jitter (A.8), milliseconds
 * @param rttMillis          round-trip time from its report blocks on our SR (§6.4.1 A - LSR - DLSR)
 * @param remoteLossPercent  its reception of our stream: fraction lost it last reported, percent
 * @param remoteJitterMillis its reception of our stream: jitter it last reported, milliseconds
 */
public record SourceQuality(long ssrc, String cname, long packetsReceived, double lossPercent, int cumulativeLost,
                            double jitterMillis, double rttMillis, double remoteLossPercent,
                            double remoteJitterMillis) {
}
