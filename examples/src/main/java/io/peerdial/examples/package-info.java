/**
 * Examples of the P2P API, each a {@code main} that starts a small overlay of in-process nodes on
 * 127.0.0.1 and a {@code run} method its test calls: {@link io.peerdial.examples.KeyEcho} (key-routed
 * echo) and {@link io.peerdial.examples.GroupChat} (a five-member group chat).
 */
package io.peerdial.examples;
