/**
 * Examples of the P2P API (docs/P2P.md), each with a test that runs it on 127.0.0.1:
 * {@link io.peerdial.examples.Chat} (a line-based chat between two identities over a {@code P2PSocket}
 * stream; also run behind NATs by e2e/p2p-nat.sh) and {@link io.peerdial.examples.FileTransfer} (a file
 * verified by SHA-256), both command-line endpoints ({@code EndpointArgs}); {@link io.peerdial.examples.KeyEcho}
 * (key-routed echo) and {@link io.peerdial.examples.GroupChat} (a five-member group chat), which start a small
 * overlay of in-process nodes and have a {@code run} method their tests call. examples/README.md: how to run them.
 */
package io.peerdial.examples;
