package io.peerdial.node.phone;

import java.nio.file.Path;

/**
 * What the user asked the media to do: {@code play} a WAV file path or {@code tone:HZ} (null: silence),
 * {@code record} the received audio to a WAV file (null: do not).
 */
public record MediaOptions(String play, Path record) {
    public static final MediaOptions NONE = new MediaOptions(null, null);
}
