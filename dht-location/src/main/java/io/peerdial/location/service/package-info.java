/**
 * Bindings as a service: {@link io.peerdial.location.service.BindingPublisher} (publish, refresh
 * before expiry, tombstone) and {@link io.peerdial.location.service.Location} (lookup, verify, trust,
 * pin on first use), both over {@link io.peerdial.location.map.OverlayAccess}. Sans-IO.
 */
package io.peerdial.location.service;
