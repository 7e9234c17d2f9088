/** The loopback HTTP control endpoint of a running node: {@code /status} (JSON) and {@code /metrics} (Prometheus). */
package io.peerdial.node.control;
