package io.peerdial.overlay.runtime;

import io.peerdial.overlay.wire.ErrorMessage.ErrorCode;
import java.util.Objects;

/** Thrown by (or completes the stage of) an {@link AppHandler} to answer with an overlay ERROR. */
public final class AppRefusedException extends RuntimeException {

    private final ErrorCode code;

    public AppRefusedException(ErrorCode code, String detail) {
        super(detail);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
