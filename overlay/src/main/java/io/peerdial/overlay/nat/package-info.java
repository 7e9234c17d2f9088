/**
 * NAT behaviour discovery from what other nodes observe, after RFC 5780 §4.3 (mapping behaviour:
 * the reflexive address seen from two different peers) with the RFC 4787 §4.1 vocabulary, reduced
 * to the classes peerdial acts on: PUBLIC, CONE (endpoint-independent mapping), SYMMETRIC
 * (endpoint-dependent mapping) and UDP_BLOCKED.
 */
package io.peerdial.overlay.nat;
