/** The long-running {@code peerdial node}: identity, overlay runtime, join, control endpoint, lifecycle. */
package io.peerdial.node.daemon;
