/**
 * The sans-IO contract shared by every protocol core ({@link io.peerdial.overlay.protocol.DatagramProtocol})
 * and the datagram it emits. Drivers: {@code io.peerdial.overlay.runtime} (real UDP sockets),
 * {@code io.peerdial.testkit} (in-memory network) and the simulator.
 */
package io.peerdial.overlay.protocol;
