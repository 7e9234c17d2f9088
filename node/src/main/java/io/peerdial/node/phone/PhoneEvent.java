package io.peerdial.node.phone;

import java.util.Locale;

/**
 * One thing that happened, printable as one line, e.g. {@code call 2 ended: 486 Busy Here}.
 * {@code state}: where a {@link Kind#STATE} event moved the call (null otherwise); {@code status}: the
 * SIP status behind it, 0 when none; {@code reason}: a short explanation, may be empty.
 */
public record PhoneEvent(int callId, Kind kind, CallState state, String peer, int status, String reason) {

    public enum Kind { REGISTERED, REGISTRATION_FAILED, INCOMING, STATE }

    static PhoneEvent state(int callId, CallState state, String peer, int status, String reason) {
        return new PhoneEvent(callId, Kind.STATE, state, peer, status, reason);
    }

    @Override
    public String toString() {
        String why = (status == 0 ? "" : " " + status) + (reason.isEmpty() ? "" : " " + reason);
        return switch (kind) {
            case REGISTERED -> "registered " + peer + why;
            case REGISTRATION_FAILED -> "registration of " + peer + " failed:" + why;
            case INCOMING -> "call " + callId + " incoming call from " + peer;
            case STATE -> "call " + callId + " " + state.name().toLowerCase(Locale.ROOT) + (why.isEmpty() ? "" : ":" + why);
        };
    }
}
