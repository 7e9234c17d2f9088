/**
 * The Kademlia routing table: k-buckets over the XOR metric with least-recently-seen eviction and a
 * replacement cache (Maymounkov &amp; Mazières 2002, §2.2, §4.1), and per-subnet limits against eclipse
 * attacks (as in Heck et al., "Eclipse attacks on Kademlia").
 */
package io.peerdial.overlay.routing;
