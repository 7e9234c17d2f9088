/**
 * Media for calls: RTP/RTCP ({@code rtp}), audio codecs ({@code audio}) and the ICE media path
 * ({@code ice}). Everything here except the IO edge of {@code ice} is sans-IO: time arrives as an
 * argument, randomness is injected, datagrams are bytes in and bytes out.
 */
package io.peerdial.node.media;
