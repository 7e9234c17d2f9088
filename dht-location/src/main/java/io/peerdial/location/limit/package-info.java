/** Write-rate limits on the injected clock: a token bucket per source (RFC 8085 §3.1 spirit: a node protects itself from floods). */
package io.peerdial.location.limit;
