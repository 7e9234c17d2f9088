/**
 * Sans-IO audio for the softphone: codecs, DTMF, playout and send timing, test signals.
 *
 * <ul>
 *   <li>{@link io.peerdial.node.media.audio.AudioCodec}: 20 ms frames; {@link io.peerdial.node.media.audio.Pcmu} and
 *       {@link io.peerdial.node.media.audio.Pcma} implement ITU-T G.711 (µ-law, A-law) with the static payload types
 *       of RFC 3551 §4.5.14 / Table 4; {@link io.peerdial.node.media.audio.OpusCodec} is RFC 6716 Opus (Concentus)
 *       with the RTP rules of RFC 7587 (48 kHz RTP clock, dynamic payload type).</li>
 *   <li>RFC 4733 telephone-events: {@link io.peerdial.node.media.audio.TelephoneEventCodec} (wire format, §2.3),
 *       {@link io.peerdial.node.media.audio.DtmfSender} (§2.5.1) and {@link io.peerdial.node.media.audio.DtmfReceiver}
 *       (§2.5.2).</li>
 *   <li>{@link io.peerdial.node.media.audio.JitterBuffer}: adaptive playout delay from the RFC 3550 §6.4.1 /
 *       A.8 interarrival jitter estimate; {@link io.peerdial.node.media.audio.Playback} pairs it with a codec.</li>
 *   <li>{@link io.peerdial.node.media.audio.SendClock}: a drift-free 20 ms send schedule.</li>
 *   <li>{@link io.peerdial.node.media.audio.ToneSource}, {@link io.peerdial.node.media.audio.WavFile},
 *       {@link io.peerdial.node.media.audio.Resampler}, {@link io.peerdial.node.media.audio.Goertzel}: signals
 *       for the demo and the tests.</li>
 * </ul>
 *
 * <p>Nothing here opens files or sockets or reads a clock: time arrives as {@code long now} (milliseconds)
 * and the only streams touched are those a caller hands to {@link io.peerdial.node.media.audio.WavFile}.
 * The RTP packet format itself lives in {@code io.peerdial.node.media.rtp}; this package works on plain
 * values (payload type, sequence number, RTP timestamp, marker, payload bytes).
 */
package io.peerdial.node.media.audio;
