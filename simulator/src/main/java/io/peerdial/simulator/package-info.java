/**
 * Discrete-event overlay simulator running the real protocol cores (issue #7, docs/SIMULATOR.md):
 * {@code engine} (event heap, overlay and connectivity dispatch), {@code net} (latency model, RFC 4787 NAT
 * devices), {@code ice} (ICE-like connectivity model for nat-mix), {@code churn},
 * {@code auth} (cheap stand-in identities), {@code experiment} (parameters), {@code metrics},
 * {@code io} (files, plots) and {@code runtime} (wall clock, progress).
 */
package io.peerdial.simulator;
