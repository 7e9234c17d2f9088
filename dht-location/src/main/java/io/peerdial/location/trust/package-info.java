/**
 * Trust in names: self-certifying AORs, trust-on-first-use pins (as SSH known_hosts), and compact
 * domain certificates checked against configured trust anchors — the role RELOAD's USER-MATCH
 * access control (RFC 6940 §7.3.1) gives to an enrollment server, without one for everybody else.
 * Pure logic, no IO: the pins file lives in {@code io.peerdial.location.io}.
 */
package io.peerdial.location.trust;
