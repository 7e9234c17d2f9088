/** Rate limits on the injected clock: token buckets per source address (RFC 8085 §3.1 asks for congestion control; this protects the node). */
package io.peerdial.overlay.limit;
