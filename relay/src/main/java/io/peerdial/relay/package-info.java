/** Super-node media relays: TURN server (RFC 8656), relay discovery through the DHT, incentive accounting. Arrives with issue #6. */
package io.peerdial.relay;
