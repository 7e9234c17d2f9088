/** Discrete-event overlay simulator running the real protocol cores. Arrives with issue #7. */
package io.peerdial.simulator;
