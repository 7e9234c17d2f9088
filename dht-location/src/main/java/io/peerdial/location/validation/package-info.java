/**
 * Checks every holder of an entry applies, storing node and reader alike: decoding, key binding
 * (RFC 6940 §7.3 access control in spirit: the key is the hash of the AOR in the payload), the
 * self-certifying owner rule, domain anchors, expiry and the Ed25519 signature (RFC 8032 §5.1.7).
 */
package io.peerdial.location.validation;
