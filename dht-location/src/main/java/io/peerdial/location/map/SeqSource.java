package io.peerdial.location.map;

import java.util.HashMap;
import java.util.Map;

/**
 * Sequence numbers per (owner, slot): {@code max(previous + 1, now)}. Taking the clock as a floor
 * means a publisher that restarted (and forgot its last seq) still writes above what it wrote
 * before, as long as its clock did not go back; the +1 keeps two writes in one millisecond ordered.
 * Thread-safe.
 */
public final class SeqSource {

    private final Map<Object, Long> last = new HashMap<>();

    /** The next seq for {@code slot} (any value with equals/hashCode naming an (owner, slot)). */
    public synchronized long next(Object slot, long now) {
        Long previous = last.get(slot);
        long seq = previous == null ? now : Math.max(previous + 1, now);
        last.put(slot, seq);
        return seq;
    }
}
