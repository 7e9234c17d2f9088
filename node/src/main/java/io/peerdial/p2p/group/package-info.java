/**
 * Groups: {@link io.peerdial.p2p.group.Groups#join} gives a {@link io.peerdial.p2p.group.GroupSocket}
 * (send to every member, send to any one, receive, leave). Membership is kept in the DHT as signed,
 * TTL'd {@link io.peerdial.p2p.group.Member} values under the group's key (RELOAD-style dictionary
 * entries, RFC 6940 §7.2), republished by each member; messages travel in APP_REQUESTs
 * (docs/PROTOCOL.md) down a tree the members build from their own member lists
 * ({@link io.peerdial.p2p.group.FanOut}), not through a server. Sans-IO: the overlay comes in
 * through {@link io.peerdial.p2p.route.OverlayPort}, randomness is injected.
 */
package io.peerdial.p2p.group;
