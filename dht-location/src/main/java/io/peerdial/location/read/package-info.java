/**
 * The reader's side of a lookup: verify every value again whatever its holder claimed, merge the
 * answers of several holders (highest seq per (owner, slot) wins, RFC 6940 §7.4.2 spirit), hide what
 * tombstones removed, and apply the trust policy. Sans-IO.
 */
package io.peerdial.location.read;
