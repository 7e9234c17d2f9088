/**
 * The IO edge of the data, key-routing and group parts of the P2P API, and its entry point:
 * {@link io.peerdial.p2p.runtime.P2PNode} runs (or attaches to) a peerdial node and hands out
 * {@code map()}, {@code route()} and {@code groups()}; {@link io.peerdial.p2p.runtime.RuntimeOverlayPort}
 * connects the sans-IO routing and group logic to a real overlay runtime.
 */
package io.peerdial.p2p.runtime;
