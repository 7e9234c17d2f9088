/**
 * One call's audio as a sans-IO state machine: {@link io.peerdial.node.media.call.AudioCallCore} sends
 * 20 ms RTP frames (RFC 3550 §5, RTP/AVP profile RFC 3551), RFC 4733 telephone-events in place of audio
 * while DTMF is sent, and RTCP compound reports (RFC 3550 §6, multiplexed per RFC 5761 when agreed), and
 * plays out / records what it receives. Time arrives as {@code long now} (milliseconds), randomness is
 * injected, output is polled; the socket driver lives in {@code io.peerdial.node.media.net}.
 */
package io.peerdial.node.media.call;
