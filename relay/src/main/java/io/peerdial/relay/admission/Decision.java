package io.peerdial.relay.admission;

/** The answer to one {@link AdmissionRequest}. */
public sealed interface Decision {

    record Admit() implements Decision {}

    /**
     * @param code 508 when the relay is at its operator cap (nobody would get in), 486 when this
     *             requester may not have more (its balance at this load, its sessions, its prefix's allowance)
     */
    record Refuse(int code, Cause cause, String reason) implements Decision {}

    enum Cause {
        GIVES_NOTHING, SESSION_CAP, BANDWIDTH_CAP, REQUESTER_SESSIONS, BALANCE_TOO_LOW, PREFIX_ALLOWANCE_USED, NO_PUZZLE
    }

    Admit ADMIT = new Admit();
}
