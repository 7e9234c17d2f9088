package io.peerdial.overlay.storage;

import java.util.Objects;

/** What a storage policy decided about one write, and why in words (for the writer's logs). */
public record StoreOutcome(StoreStatus status, String detail) {
    public static final StoreOutcome STORED = new StoreOutcome(StoreStatus.STORED, "");

    public StoreOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    public static StoreOutcome refused(StoreStatus status, String detail) {
        if (status == StoreStatus.STORED) throw new IllegalArgumentException("a refusal needs a refusal status");
        return new StoreOutcome(status, detail);
    }

    public boolean stored() {
        return status == StoreStatus.STORED;
    }
}
