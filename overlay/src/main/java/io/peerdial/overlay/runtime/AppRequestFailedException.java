package io.peerdial.overlay.runtime;

import io.peerdial.overlay.kademlia.OverlayEvent.AppFailure;
import java.util.Objects;

/** How an {@link OverlayRuntime#appRequest} future fails: the core's {@link AppFailure} and its detail. */
public final class AppRequestFailedException extends RuntimeException {

    private final AppFailure reason;

    public AppRequestFailedException(AppFailure reason, String detail) {
        super(reason + ": " + detail);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public AppFailure reason() {
        return reason;
    }
}
