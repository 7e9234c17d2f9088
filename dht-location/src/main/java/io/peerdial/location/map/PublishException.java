package io.peerdial.location.map;

import io.peerdial.overlay.kademlia.OverlayEvent.StoreReply;
import java.util.List;
import java.util.stream.Collectors;

/** No holder stored an entry: the message lists each holder's refusal (or its silence). */
public final class PublishException extends RuntimeException {

    private final transient List<StoreReply> replies;

    public PublishException(List<StoreReply> replies) {
        super(describe(replies));
        this.replies = List.copyOf(replies);
    }

    public List<StoreReply> replies() {
        return replies;
    }

    private static String describe(List<StoreReply> replies) {
        if (replies.isEmpty()) return "no node to store on (is the overlay joined?)";
        return "no holder stored the entry: " + replies.stream()
                .map(r -> r.status() == null ? "no answer" : r.status() + (r.detail() == null || r.detail().isEmpty() ? "" : " (" + r.detail() + ")"))
                .collect(Collectors.groupingBy(s -> s, java.util.TreeMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> e.getValue() + "x " + e.getKey()).collect(Collectors.joining(", "));
    }
}
