package io.peerdial.node.media.call;

/** Where played-out audio goes besides the recording (a loudspeaker): one 20 ms mono frame per tick. */
@FunctionalInterface
public interface AudioSink {

    AudioSink DISCARD = (sampleRate, pcm) -> { };

    /** One frame at {@code sampleRate}; must not block (the caller is the media timer). */
    void play(int sampleRate, short[] pcm);
}
