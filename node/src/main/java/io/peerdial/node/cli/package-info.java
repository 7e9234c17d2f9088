/** The {@code peerdial} command line (picocli): commands, options, exit codes (docs: CONTRACTS.md). */
package io.peerdial.node.cli;
