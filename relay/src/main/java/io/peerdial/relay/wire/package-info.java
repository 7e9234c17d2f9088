/**
 * Shared binary plumbing for the relay's overlay messages (receipts, TURN credential exchange,
 * relay adverts): big-endian, length-limited reads with a typed {@link io.peerdial.relay.wire.RelayWireException},
 * and domain-separated Ed25519 signatures (RFC 8032). Formats: docs/INCENTIVES.md.
 */
package io.peerdial.relay.wire;
