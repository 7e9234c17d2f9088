/**
 * Key-based routing (the KBR "route(key, msg)" primitive of Dabek et al., "Towards a Common API for
 * Structured Peer-to-Peer Overlays", IPTPS 2003) over the overlay's APP_REQUEST / APP_RESPONSE
 * messages (docs/PROTOCOL.md): {@link io.peerdial.p2p.route.KeyRouter#sendToAsync} looks up the live
 * node closest to a key by XOR distance (Kademlia, Maymounkov and Mazières 2002, §2.1), delivers
 * the datagram to it with one APP_REQUEST to service {@link io.peerdial.p2p.route.RouteDatagram#SERVICE}
 * and takes its APP_RESPONSE as the acknowledgement; {@link io.peerdial.p2p.route.Routed#addressedToMe()}
 * tells a receiver whether the key was its own NodeId or a key it is closest to.
 * Sans-IO: the overlay comes in through {@link io.peerdial.p2p.route.OverlayPort}.
 */
package io.peerdial.p2p.route;
