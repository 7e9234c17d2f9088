/**
 * Helpers for the few real-socket tests (threads, sockets, wall-clock waits), kept apart from the
 * deterministic fakes of {@code io.peerdial.testkit}, which stay sans-IO like the cores they drive.
 */
package io.peerdial.testkit.runtime;
