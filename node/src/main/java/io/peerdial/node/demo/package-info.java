/**
 * {@code peerdial demo}: the whole product on one machine (issue #5): an embedded overlay on loopback,
 * two softphones on their own nodes, a call with ICE between the nodes, a tone and DTMF checked at the
 * far end. Runs inside a network namespace that has only {@code lo}.
 */
package io.peerdial.node.demo;
