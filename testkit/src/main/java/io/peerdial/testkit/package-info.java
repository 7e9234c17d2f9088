/**
 * Fakes shared by every module's tests, and the seed of the simulator's engine (after OkHttp's and
 * quinn-proto's test infrastructure: no mocks, real bytes, virtual time).
 *
 * <ul>
 *   <li>{@link io.peerdial.testkit.VirtualClock}: hand-driven milliseconds for single-core tests;</li>
 *   <li>{@link io.peerdial.testkit.RecordingTransport}: captures what one core sends, with byte-level expectations;</li>
 *   <li>{@link io.peerdial.testkit.ScriptedPeer}: a fake counterpart answering from a script;</li>
 *   <li>{@link io.peerdial.testkit.InMemoryNetwork}: a seeded discrete-event network driving any number of
 *       {@link io.peerdial.overlay.protocol.DatagramProtocol} cores with latency
 *       ({@link io.peerdial.testkit.LatencyModel}), loss ({@link io.peerdial.testkit.LossModel}), churn and
 *       interception ({@link io.peerdial.testkit.DatagramInterceptor}) over
 *       {@link io.peerdial.testkit.VirtualAddresses};</li>
 *   <li>{@link io.peerdial.testkit.SansIoRules}: the ArchUnit rule that keeps protocol cores free of IO.</li>
 * </ul>
 */
package io.peerdial.testkit;
