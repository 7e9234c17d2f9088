/**
 * The Kademlia node as a sans-IO state machine: RPCs, iterative lookups with α parallel requests
 * and adaptive timeouts, joins, bucket refresh, replication (Maymounkov &amp; Mazières 2002, §2.3–2.5),
 * with S/Kademlia's proof of node key before a contact is trusted (Baumgart &amp; Mizrak 2007, §4).
 */
package io.peerdial.overlay.kademlia;
