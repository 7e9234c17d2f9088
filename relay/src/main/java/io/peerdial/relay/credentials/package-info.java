/**
 * Short-lived TURN credentials obtained through the overlay (docs/INCENTIVES.md): a request
 * signed by the requester's node key (Ed25519, RFC 8032), a grant with a TURN REST-style username
 * "EXPIRY:NODEID" and password HMAC-SHA256(relay secret, username), sealed to the requester with
 * X25519 (RFC 7748) and HKDF (RFC 5869). {@link io.peerdial.relay.credentials.TurnRestCredentials}
 * is the relay's {@link io.peerdial.relay.server.Credentials} (RFC 8489 §9.2). Sans-IO.
 */
package io.peerdial.relay.credentials;
