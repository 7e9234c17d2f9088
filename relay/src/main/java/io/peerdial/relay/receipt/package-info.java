/**
 * Usage receipts (docs/INCENTIVES.md): a relayed client signs cumulative byte counts per session
 * with its node key (Ed25519, RFC 8032); the relay keeps the latest per session as proof. Codec
 * ({@link io.peerdial.relay.receipt.ReceiptCodec}), client signer, relay book. Sans-IO.
 */
package io.peerdial.relay.receipt;
