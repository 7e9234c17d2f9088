/** File IO of the location layer: the trust-on-first-use pins file in the node's data directory. */
package io.peerdial.location.io;
