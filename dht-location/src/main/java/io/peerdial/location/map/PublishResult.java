package io.peerdial.location.map;

import io.peerdial.location.entry.SignedEntry;
import io.peerdial.overlay.kademlia.OverlayEvent.StoreReply;
import io.peerdial.overlay.storage.StoreStatus;
import java.util.List;

/** A published entry and what each holder answered; at least one holder stored it. */
public record PublishResult(SignedEntry entry, List<StoreReply> replies) {

    public PublishResult {
        replies = List.copyOf(replies);
    }

    public long storedCount() {
        return replies.stream().filter(r -> r.status() == StoreStatus.STORED).count();
    }
}
