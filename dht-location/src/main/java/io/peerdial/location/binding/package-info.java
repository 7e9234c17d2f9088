/**
 * User-to-contact bindings, the records that replace a SIP registrar's location service (RFC 3261
 * §10.3): address-of-record normalisation (RFC 3261 §19.1.4), the binding payload of a signed entry
 * and its canonical codec, and helpers to sign bindings and tombstones.
 */
package io.peerdial.location.binding;
