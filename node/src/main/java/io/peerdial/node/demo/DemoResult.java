package io.peerdial.node.demo;

/**
 * What the demo measured. {@code lookupMs}: the caller's node finding bob's binding in the DHT;
 * {@code setupMs}: INVITE sent to 200 OK received at alice; {@code iceMs}: the answer reaching the
 * caller's node to ICE completion there; {@code toneHz}: the tone found in bob's recording;
 * {@code calls}: every call's setup split, the demo call first ({@code --calls}).
 */
public record DemoResult(long setupMs, long lookupMs, long iceMs, String localCandidate, String remoteCandidate,
                         long rtpPackets, double lossPercent, double toneHz, String digits, java.util.List<CallTiming> calls) {

    /** The one line the README promises. */
    public String line() {
        return String.format(java.util.Locale.ROOT,
                "demo ok: setup %d ms, ICE pair %s/%s, %d RTP packets, loss %.1f%%, tone %.0f Hz detected, DTMF %s",
                setupMs, localCandidate, remoteCandidate, rtpPackets, lossPercent, toneHz, digits);
    }
}
