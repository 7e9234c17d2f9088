/**
 * The IO edge of the overlay: the UDP runtime (one event-loop thread per node driving the sans-IO
 * cores with the real clock) and the identity store on disk. The only overlay package allowed to
 * own sockets, threads and the wall clock.
 */
package io.peerdial.overlay.runtime;
