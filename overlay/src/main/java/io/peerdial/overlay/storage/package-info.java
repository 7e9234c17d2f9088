/**
 * The storage SPI behind STORE and FIND_VALUE (Kademlia §2.3) and a plain in-memory policy. Signed
 * bindings plug in here from {@code dht-location}.
 */
package io.peerdial.overlay.storage;
