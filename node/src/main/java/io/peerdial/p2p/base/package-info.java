/**
 * What the key-routing, group and data parts of the P2P API share: one unchecked
 * {@link io.peerdial.p2p.base.P2PException} with a {@link io.peerdial.p2p.base.P2PException.Reason},
 * the typed {@link io.peerdial.p2p.base.WireFormatException} of their codecs, the bounded
 * {@link io.peerdial.p2p.base.Inbox} behind every {@code receive}, and {@link io.peerdial.p2p.base.Blocking},
 * which turns a future into a blocking call with a timeout. Sans-IO: no threads, no clock.
 */
package io.peerdial.p2p.base;
