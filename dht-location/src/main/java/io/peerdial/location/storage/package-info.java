/**
 * The storing node's rules for signed entries, a RELOAD-style dictionary per key (RFC 6940 §7.2,
 * §7.4.1.1 for the seq/"generation" rule), plugged into the overlay through its StoragePolicy SPI.
 */
package io.peerdial.location.storage;
