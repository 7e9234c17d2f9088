/**
 * Logging at the edge (Logback): filters for what the bundled libraries log but a peerdial user
 * cannot act on. Library code logs through SLF4J only; this package is referenced from logback.xml.
 */
package io.peerdial.node.logging;
