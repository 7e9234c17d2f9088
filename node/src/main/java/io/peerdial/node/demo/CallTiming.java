package io.peerdial.node.demo;

/**
 * One demo call's setup, split (issue #5's performance item). All times at alice's side, in
 * microseconds except ICE.
 *
 * @param lookupMicros      alice's node finding bob's binding in the DHT, done just before the INVITE
 *                          (the SIP service does the same lookup again for the INVITE, untimed)
 * @param ringingMicros     INVITE sent by alice's phone to its 180 Ringing; -1 when the 200 overtook the 180
 * @param establishedMicros INVITE sent to its 200 OK
 * @param answerToIceMillis the answer reaching alice's node to ICE completion there
 */
public record CallTiming(long lookupMicros, long ringingMicros, long establishedMicros, long answerToIceMillis) {

    /** Whether the 180 arrived before the 200 (UDP may reorder them). */
    public boolean rang() {
        return ringingMicros >= 0;
    }

    /** Signalling without the lookup: INVITE → 180 less the lookup time, never below 0; -1 when {@link #rang()} is false. */
    public long signallingToRingingMicros() {
        return rang() ? Math.max(0, ringingMicros - lookupMicros) : -1;
    }

    /** INVITE → 200 less the lookup time, never below 0. */
    public long signallingToAnswerMicros() {
        return Math.max(0, establishedMicros - lookupMicros);
    }
}
